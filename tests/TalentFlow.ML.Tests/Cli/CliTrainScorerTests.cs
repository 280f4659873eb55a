using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliTrainScorerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-scorer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TrainScorer_SyntheticPairs_WritesAModelThatTracksTheScoresAndReportsTheZeroShotBaselines()
    {
        await CliApp.RunAsync(["create-sample", "--out", _dir, "--pairs", "160", "--seed", "3"], new StringWriter(), new StringWriter());
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "scorer", "--train", Path.Combine(_dir, "training_data.json"),
            "--validation", Path.Combine(_dir, "validation_data.json"), "--epochs", "50", "--output", Path.Combine(_dir, "model"), "--json"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.True(json.RootElement.GetProperty("scorer_pearson").GetDouble() > 0.8);
        Assert.True(json.RootElement.TryGetProperty("baseline_pearson", out _));
        Assert.True(json.RootElement.TryGetProperty("zero_shot_semantic_pearson", out _));
        Assert.True(File.Exists(Path.Combine(_dir, "model", "scorer.json")));
    }

    [Fact]
    public async Task TrainScorer_BadLearningRate_ExitsTwoOrOneWithOneLine()
    {
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["train", "scorer", "--train", "x.json", "--validation", "y.json", "--learning-rate", "0"], new StringWriter(), stderr);

        Assert.NotEqual(0, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }
}
