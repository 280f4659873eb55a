using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliCareerLsaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-lsa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EvalCareer_ModelLsa_ClassifiesSeparableCategoriesByNearestCentroid()
    {
        string train = Path.Combine(_dir, "train.csv"), test = Path.Combine(_dir, "test.csv");
        await File.WriteAllTextAsync(train, "Category,Resume\n" +
            "Data,python pandas machine learning models\nData,statistics python regression models\nData,machine learning python notebooks\n" +
            "Nursing,patient care icu nurse ward\nNursing,hospital ward nurse patient triage\nNursing,nurse medication patient care\n");
        await File.WriteAllTextAsync(test, "Category,Resume\nData,python machine learning\nNursing,nurse caring for patient on ward\n");
        var stdout = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "career", "--train", train, "--test", test, "--model", "lsa", "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("lsa+centroid", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(1.0, json.RootElement.GetProperty("accuracy").GetDouble());
    }
}

public sealed class CliCareerOnnxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EvalCareer_ModelOnnxWithTheTinyBert_RunsAndNamesTheEncoder()
    {
        string train = Path.Combine(_dir, "train.csv"), test = Path.Combine(_dir, "test.csv");
        await File.WriteAllTextAsync(train, "Category,Resume\nData,python pandas models\nData,statistics python\nNursing,patient care nurse\nNursing,ward nurse patient\n");
        await File.WriteAllTextAsync(test, "Category,Resume\nData,python models\nNursing,nurse patient\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "career", "--train", train, "--test", test, "--model", "onnx",
            "--onnx-model", Path.Combine(AppContext.BaseDirectory, "TinyBert"), "--json"], stdout, stderr);

        // Random weights: no accuracy claim, only that the path runs end to end on a real ONNX model.
        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("onnx+centroid", json.RootElement.GetProperty("model").GetString());
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task EvalCareer_ModelOnnxWithoutAFolder_ExitsWithOneLine()
    {
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "career", "--train", "a.csv", "--test", "b.csv", "--model", "onnx"], new StringWriter(), stderr);

        Assert.NotEqual(0, code);
        Assert.Contains("--onnx-model", stderr.ToString());
    }
}
