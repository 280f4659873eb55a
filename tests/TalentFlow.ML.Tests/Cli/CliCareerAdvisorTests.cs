using System.Text.Json;
using TalentFlow.Cli;
using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliCareerAdvisorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-cli-careers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TrainCareer_SampleCsvsAndOnet_SavesAModelThatRecommendReads()
    {
        var data = Path.Combine(_dir, "data");
        CareerSampleData.Write(data);
        var onet = Careers.OnetFixture.Write(Path.Combine(_dir, "onet"));
        var model = Path.Combine(_dir, "career.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "career", "--data", data, "--onet", onet, "--output", model, "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using (var json = JsonDocument.Parse(stdout.ToString()))
        {
            Assert.Equal(6, json.RootElement.GetProperty("careers").GetInt32());
            Assert.False(json.RootElement.GetProperty("is_sample").GetBoolean());
            Assert.True(json.RootElement.GetProperty("samples_by_source").GetProperty("onet").GetInt32() > 0);
        }

        stdout = new StringWriter();
        code = await CliApp.RunAsync(["careers", "recommend", "--model", model, "--text", "I care for patients on the hospital ward and give medication",
            "--top", "2", "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var advice = JsonDocument.Parse(stdout.ToString());
        var first = advice.RootElement.GetProperty("careers")[0];
        Assert.Equal("Registered Nurse", first.GetProperty("career").GetString());
        Assert.Contains("Epic Systems", first.GetProperty("skills_to_learn").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, advice.RootElement.GetProperty("careers").GetArrayLength());
    }

    [Theory]
    [InlineData("mlp", "mlp")]
    [InlineData("career", null)]
    public async Task EvalCareer_MlpOrCareer_ReportsMetricsAndTheChoice(string model, string? expectedModel)
    {
        string train = Path.Combine(_dir, "train.csv"), test = Path.Combine(_dir, "test.csv");
        var rows = CareerDataSetLoader.Load(null).Samples;
        await File.WriteAllTextAsync(train, "Category,Resume\n" + string.Concat(rows.Where((_, i) => i % 4 != 0).Select(r => $"\"{r.Role}\",\"{r.Text}\"\n")));
        await File.WriteAllTextAsync(test, "Category,Resume\n" + string.Concat(rows.Where((_, i) => i % 4 == 0).Select(r => $"\"{r.Role}\",\"{r.Text}\"\n")));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "career", "--train", train, "--test", test, "--model", model, "--folds", "3", "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        if (expectedModel is not null) Assert.Equal(expectedModel, json.RootElement.GetProperty("model").GetString());
        if (model == "career") Assert.Contains("cv=", json.RootElement.GetProperty("settings").GetString(), StringComparison.Ordinal);
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0.5, 1);
        Assert.InRange(json.RootElement.GetProperty("top3_accuracy").GetDouble(), 0.8, 1);
        Assert.InRange(json.RootElement.GetProperty("ece").GetDouble(), 0, 1);
        Assert.InRange(json.RootElement.GetProperty("brier").GetDouble(), 0, 2);
        Assert.Equal(1.0, json.RootElement.GetProperty("ood_flagged_gibberish").GetDouble());
        Assert.Equal(0.0, json.RootElement.GetProperty("ood_flagged_test_resumes").GetDouble());
    }

    [Fact]
    public async Task TrainCareer_ClassifierTfidf_WritesATfidfModelThatRecommendReads()
    {
        var model = Path.Combine(_dir, "tfidf.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "career", "--classifier", "tfidf", "--folds", "3", "--output", model, "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using (var json = JsonDocument.Parse(stdout.ToString()))
        {
            Assert.Equal("tfidf", json.RootElement.GetProperty("classifier").GetString());
            Assert.InRange(json.RootElement.GetProperty("tfidf_cv_accuracy").GetDouble(), 0, 1);
        }

        Assert.Equal(CareerClassifierKind.Tfidf, CareerModel.Load(model).Kind);
        stdout = new StringWriter();
        code = await CliApp.RunAsync(["careers", "recommend", "--model", model, "--text", "I care for patients on the hospital ward and give medication", "--json"],
            stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var advice = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("Registered Nurse", advice.RootElement.GetProperty("careers")[0].GetProperty("career").GetString());
    }

    [Fact]
    public async Task TrainCareer_TrainCsvAuto_RecordsBothCrossValidatedAccuraciesAndTheWinner()
    {
        var train = Path.Combine(_dir, "train.csv");
        var rows = CareerDataSetLoader.Load(null).Samples;
        await File.WriteAllTextAsync(train, "Category,Resume\n" + string.Concat(rows.Select(r => $"\"{r.Role}\",\"{r.Text}\"\n")));
        var model = Path.Combine(_dir, "auto.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "career", "--train", train, "--folds", "3", "--output", model, "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        double mlp = json.RootElement.GetProperty("mlp_cv_accuracy").GetDouble(), tfidf = json.RootElement.GetProperty("tfidf_cv_accuracy").GetDouble();
        Assert.Equal(tfidf >= mlp ? "tfidf" : "mlp", json.RootElement.GetProperty("classifier").GetString());
        Assert.Equal("cv", CareerModel.Load(model).Metadata.Selection);
    }

    [Fact]
    public async Task CareersRecommend_BothTextAndFile_ExitsWithOneLine()
    {
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["careers", "recommend", "--text", "x", "--file", "y"], new StringWriter(), stderr);

        Assert.NotEqual(0, code);
        Assert.Contains("exactly one of --text and --file", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainCareer_TooFewSamplesPerRole_FailsWithTheValidationError()
    {
        var data = Path.Combine(_dir, "thin");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "career_qa.csv"), "role,question,answer\nPilot,How?,Fly.\n");
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "career", "--data", data, "--output", Path.Combine(_dir, "m.json")], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Contains("'Pilot' has 1 samples", stderr.ToString(), StringComparison.Ordinal);
    }
}
