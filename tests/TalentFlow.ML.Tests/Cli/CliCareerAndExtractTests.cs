using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliCareerAndExtractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task EvalCareer_Latin1CsvWithDuplicates_FoldsThemAndReportsContractFields()
    {
        var rows = "Category,Resume\n" +
            "Data,python pandas machine learning caf\u00e9\nData,python pandas machine learning caf\u00e9\nData,statistics python models\n" +
            "Nursing,patient care icu nurse\nNursing,hospital ward nurse patient\n";
        var train = Path.Combine(_dir, "train.csv");
        await File.WriteAllBytesAsync(train, System.Text.Encoding.Latin1.GetBytes(rows));
        var test = Path.Combine(_dir, "test.csv");
        await File.WriteAllTextAsync(test, "Category,Resume\nData,python machine learning\nNursing,icu patient care\n");

        var (code, stdout, stderr) = await Run("eval", "career", "--train", train, "--test", test, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(4, root.GetProperty("train_texts").GetInt32());
        Assert.Equal(2, root.GetProperty("classes").GetInt32());
        Assert.Equal(1.0, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, root.GetProperty("macro_f1").GetDouble());
        Assert.Equal(1.0, root.GetProperty("top3_accuracy").GetDouble());
    }

    [Fact]
    public async Task EvalCareer_MissingColumn_FailsNamingIt()
    {
        var path = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(path, "Label,Text\na,b\n");
        var (code, _, stderr) = await Run("eval", "career", "--train", path, "--test", path);
        Assert.Equal(1, code);
        Assert.Contains("'Category'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_TextFile_PrintsNormalizedText()
    {
        var path = Path.Combine(_dir, "cv.txt");
        await File.WriteAllTextAsync(path, "Jane   Doe\nâ€¢ C#");
        var (code, stdout, _) = await Run("extract", path);
        Assert.Equal(0, code);
        Assert.Equal("Jane Doe\n• C#", stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task Extract_EmptyFile_FailsWithTypedReason()
    {
        var path = Path.Combine(_dir, "empty.txt");
        await File.WriteAllTextAsync(path, "  \n ");
        var (code, stdout, stderr) = await Run("extract", path);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: Empty:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSample_ThenEvalMatch_LearnsTheSyntheticSignal()
    {
        var (code, stdout, stderr) = await Run("create-sample", "--out", _dir, "--pairs", "120", "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var train = root.GetProperty("training").GetString()!;
        var validation = root.GetProperty("validation").GetString()!;

        (code, stdout, stderr) = await Run("eval", "match", "--train", train, "--test", validation, "--json");
        Assert.True(code == 0, stderr);
        var metrics = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(30, metrics.GetProperty("test_pairs").GetInt32());
        Assert.InRange(metrics.GetProperty("pearson").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task CreateSample_SameSeed_WritesSameFiles()
    {
        await Run("create-sample", "--out", Path.Combine(_dir, "a"), "--pairs", "8");
        await Run("create-sample", "--out", Path.Combine(_dir, "b"), "--pairs", "8");
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(_dir, "a", "training_data.json")),
            await File.ReadAllTextAsync(Path.Combine(_dir, "b", "training_data.json")));
    }

    [Fact]
    public async Task TrainBaseline_SampleData_SavesModelAndReportsValidationMetrics()
    {
        await Run("create-sample", "--out", _dir, "--pairs", "60");
        var output = Path.Combine(_dir, "model");
        var (code, stdout, stderr) = await Run("train", "baseline", "--train", Path.Combine(_dir, "training_data.json"), "--output", output, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(48, root.GetProperty("train_pairs").GetInt32());
        Assert.Equal(12, root.GetProperty("validation_pairs").GetInt32());
        Assert.True(root.GetProperty("feature_counts").GetProperty("skills").GetInt32() > 0);
        Assert.True(File.Exists(Path.Combine(output, "baseline_model.json")));
    }
}
