using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

/// <summary><c>talentflow train semantic</c>: a tiny real fine-tuning run of all-MiniLM-L6-v2's top layer, and bad input.</summary>
public sealed class CliTrainSemanticTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-semantic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Pairs(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(new[]
        {
            new { resume = "Python developer, Django and PostgreSQL.", job_description = "Software developer building web applications.", score = 1.0 },
            new { resume = "Python developer, Django and PostgreSQL.", job_description = "Registered nurse for a cardiac ward.", score = 0.0 },
            new { resume = "ICU nurse, patient care and charting.", job_description = "Registered nurse for a cardiac ward.", score = 1.0 },
            new { resume = "ICU nurse, patient care and charting.", job_description = "Software developer building web applications.", score = 0.0 },
            new { resume = "Pastry chef, menus and food safety.", job_description = "Head cook directing a kitchen.", score = 1.0 },
            new { resume = "Pastry chef, menus and food safety.", job_description = "Tax accountant preparing returns.", score = 0.0 },
        }));
        return path;
    }

    [Fact]
    public async Task TrainSemantic_TinyPairs_WritesALoadableModelAndPrintsTheContract()
    {
        var output = Path.Combine(_dir, "tuned");

        var (code, stdout, stderr) = await RunAsync("train", "semantic", "--train", Pairs("train.json"), "--validation", Pairs("valid.json"),
            "--epochs", "2", "--batch-size", "4", "--learning-rate", "1e-3", "--warmup-steps", "0", "--max-seq-length", "32",
            "--threads", "2", "--output", output, "--json");

        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal(6, root.GetProperty("train_pairs").GetInt32());
        Assert.True(root.GetProperty("pairs_per_s").GetDouble() > 0);
        foreach (var name in new[] { "validation_spearman_before", "validation_spearman_after", "validation_auc_before", "validation_auc_after" })
        {
            Assert.InRange(root.GetProperty(name).GetDouble(), -1, 1);
        }

        Assert.Equal(output, root.GetProperty("output").GetString());
        Assert.StartsWith("all-MiniLM-L6-v2-ft:", root.GetProperty("version_id").GetString(), StringComparison.Ordinal);
        using var encoder = ML.Onnx.FineTuning.FineTunedModel.Load(output, 2);
        Assert.Equal(root.GetProperty("version_id").GetString(), encoder.VersionId);
        Assert.Equal(384, encoder.Embed(["Python developer"])[0].Length);
    }

    [Theory]
    [InlineData("7", "out of range")]
    [InlineData("0", "out of range")]
    public async Task TrainSemantic_TrainLayersOutOfRange_FailsWithOneLine(string layers, string expected)
    {
        var (code, _, stderr) = await RunAsync("train", "semantic", "--train", Pairs("t.json"), "--validation", Pairs("v.json"),
            "--train-layers", layers, "--output", Path.Combine(_dir, "out"));

        Assert.Equal(1, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task TrainSemantic_MissingOrEmptyPairs_FailsWithOneLine()
    {
        var empty = Path.Combine(_dir, "empty.json");
        await File.WriteAllTextAsync(empty, "[]");

        var missing = await RunAsync("train", "semantic", "--train", Path.Combine(_dir, "nope.json"), "--validation", Pairs("v.json"), "--output", _dir);
        var none = await RunAsync("train", "semantic", "--train", empty, "--validation", Pairs("v.json"), "--output", _dir);
        var noBase = await RunAsync("train", "semantic", "--train", Pairs("t.json"), "--validation", Pairs("v.json"),
            "--base-model", Path.Combine(_dir, "no-model"), "--output", _dir);

        Assert.Equal((1, "error: file not found"), (missing.Code, missing.Stderr[..21]));
        Assert.Equal(1, none.Code);
        Assert.Contains("no labelled pairs", none.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noBase.Code);
        Assert.Contains("base model folder not found", noBase.Stderr, StringComparison.Ordinal);
        Assert.All(new[] { missing, none, noBase }, r => Assert.Single(r.Stderr.Trim().Split('\n')));
    }
}
