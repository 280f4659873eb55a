using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliTests : IDisposable
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

    private string WritePairs(string name)
    {
        var pairs = new[]
        {
            new { resume = "C# .NET SQL developer, microservices", job_description = "C# .NET developer with SQL", score = 0.9 },
            new { resume = "Nurse, ICU, patient care", job_description = "C# .NET developer with SQL", score = 0.1 },
            new { resume = "Python data scientist, machine learning", job_description = "Machine learning engineer, Python", score = 0.8 },
            new { resume = "Chef, French cuisine", job_description = "Machine learning engineer, Python", score = 0.0 },
        };
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(pairs));
        return path;
    }

    [Fact]
    public async Task EvalMatch_Json_PrintsExactlyOneObjectWithContractFields()
    {
        var (code, stdout, stderr) = await Run("eval", "match", "--train", WritePairs("train.json"), "--test", WritePairs("test.json"), "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        foreach (var field in new[] { "pearson", "spearman", "mse", "mae", "accuracy@0.5", "precision@0.5", "recall@0.5", "f1@0.5", "train_pairs", "test_pairs" })
        {
            Assert.True(doc.RootElement.TryGetProperty(field, out _), field);
        }

        Assert.Equal(4, doc.RootElement.GetProperty("test_pairs").GetInt32());
        Assert.True(doc.RootElement.GetProperty("pearson").GetDouble() > 0.5);
    }

    [Fact]
    public async Task EvalMatch_CsvInput_IsAccepted()
    {
        var path = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(path, "resume,job_description,score\n\"C#, SQL\",C# developer,1\nnurse,C# developer,0\n");
        var (code, stdout, _) = await Run("eval", "match", "--train", path, "--test", path, "--json", "--model", "tfidf");
        Assert.Equal(0, code);
        Assert.Equal("tfidf", JsonDocument.Parse(stdout).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task EvalMatch_MissingFile_FailsWithOneLineOnStderr()
    {
        var (code, stdout, stderr) = await Run("eval", "match", "--train", Path.Combine(_dir, "nope.json"), "--test", WritePairs("t.json"), "--json");
        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalMatch_CsvWithoutScoreColumn_FailsNamingTheColumn()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "resume,job_description\na,b\n");
        var (code, _, stderr) = await Run("eval", "match", "--train", path, "--test", path);
        Assert.Equal(1, code);
        Assert.Contains("'score'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_UnknownOption_FailsWithOneLine()
    {
        var (code, _, stderr) = await Run("eval", "match", "--bogus");
        Assert.NotEqual(0, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("tfidf")]
    [InlineData("sections")]
    public async Task EvalVacancies_SmallFolder_ReportsPerfectAgreementForObviousRanking(string model)
    {
        File.WriteAllText(Path.Combine(_dir, "vacancies.csv"), "vacancy_number,job_description\n1,C# .NET SQL developer\n2,ICU nurse patient care\n");
        File.WriteAllText(Path.Combine(_dir, "cv_texts.csv"), "cv_id,resume_text\na,C# and SQL developer on .NET\n");
        File.WriteAllText(Path.Combine(_dir, "rankings_long.csv"),
            "cv_id,annotator,place,vacancy_number,ranking_is_permutation\na,x,1,1,true\na,x,2,2,true\n");
        var (code, stdout, stderr) = await Run("eval", "vacancies", "--data", _dir, "--model", model, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1.0, root.GetProperty("ndcg@5").GetDouble(), 9);
        Assert.Equal(1.0, root.GetProperty("top1_agreement").GetDouble(), 9);
        Assert.Equal(1, root.GetProperty("rankings").GetInt32());
    }
}
