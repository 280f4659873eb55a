using System.Text.Json;
using TalentFlow.Cli;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation;

public sealed class CliRecommendConvFmTests : IDisposable
{
    private readonly JobViewsTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("ranker")]
    [InlineData("convfm")]
    [InlineData("hybrid")]
    [InlineData("fm")]
    public async Task EvalRecommend_LearnedModel_ReportsItBesideContentAndPopularityWithColdStartApart(string model)
    {
        var stdout = new StringWriter();

        var code = await CliApp.RunAsync(["eval", "recommend", "--data", _data.Directory, "--test", _data.TestCsv, "--model", model, "--epochs", "3", "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("test_users").GetInt32());
        Assert.Equal(1, root.GetProperty("cold_start_users").GetInt32());
        Assert.Equal(17, root.GetProperty("catalog").GetInt32());
        Assert.InRange(root.GetProperty("hr@10").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("ndcg@10").GetDouble(), 0, root.GetProperty("hr@10").GetDouble());
        Assert.True(root.TryGetProperty("popularity_hr@10", out _));
        Assert.Equal(1.0, root.GetProperty("content_hr@10").GetDouble());
    }

    [Fact]
    public async Task EvalRecommend_Ranker_ReportsPairMetricsAndSavesALoadableArtifact()
    {
        var stdout = new StringWriter();
        var artifact = Path.Combine(_data.Directory, "ranker.json");

        var code = await CliApp.RunAsync(["eval", "recommend", "--data", _data.Directory, "--test", _data.TestCsv, "--model", "ranker", "--save-ranker", artifact, "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("ranker_pairs_roc_auc").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("ranker_pairs_f1").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("ranker_top_pairs_accuracy").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("content_pairs_roc_auc").GetDouble(), 0, 1);
        Assert.False(root.TryGetProperty("content_pairs_f1", out _));
        Assert.False(root.TryGetProperty("convfm_hr@10", out _));
        using var stream = File.OpenRead(artifact);
        Assert.Equal(JobViewsPairFeatures.Names, LearnedJobRankerModel.Load(stream).FeatureNames);
    }

    [Fact]
    public async Task EvalRecommend_Popularity_NeedsNoTraining()
    {
        var stdout = new StringWriter();

        var code = await CliApp.RunAsync(["eval", "recommend", "--data", _data.Directory, "--test", _data.TestCsv, "--model", "popularity", "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("popularity", json.RootElement.GetProperty("model").GetString());
        Assert.False(json.RootElement.TryGetProperty("convfm_hr@10", out _));
    }

    [Theory]
    [InlineData("Job_Views.csv", "1,999,t,p,c,x,y,TX,i,2026-01-09\n")]
    [InlineData("test.csv", "2,999\n")]
    public async Task EvalRecommend_ViewOfJobMissingFromCatalog_ExitsOneWithOneLine(string file, string line)
    {
        File.AppendAllText(Path.Combine(_data.Directory, file), line);
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["eval", "recommend", "--data", _data.Directory, "--test", _data.TestCsv, "--model", "convfm"], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Contains("999", stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }
}
