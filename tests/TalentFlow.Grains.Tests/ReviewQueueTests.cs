using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.TestKit;

namespace TalentFlow.Grains.Tests;

/// <summary>The review queue of a job grain: each strategy's order and reason, and the overlap and reviewer exclusions.</summary>
public sealed class ReviewQueueTests
{
    private static async Task<(TestCluster Cluster, IJobReviewGrain Review, IReadOnlyList<ScreeningResult> Results)> StartAsync(
        string jobId, int candidates, FakeTimeProvider? time = null, TimeSpan? between = null)
    {
        var options = GrainsClusterFixture.CreateOptions(1);
        if (time is not null)
        {
            // The grains' clock only: Orleans keeps the system clock for its own timers.
            var grains = options.ConfigureSiloBuilder;
            options.ConfigureSiloBuilder = silo =>
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.Key, time);
                grains?.Invoke(silo);
            };
        }
        var cluster = await TestCluster.StartAsync(options);
        var factory = cluster.GrainFactory;
        var job = factory.GetGrain<IJobGrain>(jobId);
        await job.UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        var screened = new List<ScreeningResult>();
        foreach (var (person, i) in SampleCorpus.Candidates(candidates).Select((p, i) => (p, i)))
        {
            await factory.GetGrain<ICandidateGrain>($"c{i}").UpsertResumeAsync(person.Resume);
            screened.Add(await job.ScreenAsync($"c{i}"));
            if (between is { } step) time!.Advance(step);
        }
        return (cluster, factory.GetGrain<IJobReviewGrain>(jobId), screened);
    }

    [Fact]
    public async Task GetReviewQueueAsync_Uncertainty_ClosestToTheJobsThresholdFirstWithTheDistance()
    {
        var (cluster, review, screened) = await StartAsync("jq-u", 6);
        await using var _ = cluster;

        var queue = await review.GetReviewQueueAsync("uncertainty", 6);

        // The job sets no threshold: the served model's calibrated default decides, and the queue measures from it.
        double threshold = screened[0].ShortlistThreshold!.Value;
        Assert.All(screened, r => Assert.Equal(threshold, r.ShortlistThreshold));
        var expected = screened.OrderBy(r => Math.Round(Math.Abs(r.Score - threshold), 9)).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
        Assert.Equal(expected, queue.Items.Select(i => i.ResultId));
        Assert.All(queue.Items, item =>
        {
            Assert.Equal(("uncertainty", "shortlist_threshold", threshold), (item.Reason.Strategy, item.Reason.Threshold, item.Reason.ThresholdValue!.Value));
            Assert.Equal(Math.Abs(item.Score - threshold), item.Reason.Distance!.Value, 9);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"from the job's threshold {threshold:0.###}"), item.Reason.Summary, StringComparison.Ordinal);
        });
        Assert.Equal((6, 1, (string?)null), (queue.Waiting, queue.Overlap, queue.Reviewer));
    }

    [Fact]
    public async Task GetReviewQueueAsync_Disagreement_LargestSpreadBetweenTheScoreAndItsExplanationsFirst()
    {
        var (cluster, review, screened) = await StartAsync("jq-d", 6);
        await using var _ = cluster;

        var queue = await review.GetReviewQueueAsync("disagreement", 3);

        Assert.All(screened, r => Assert.NotNull(r.SemanticScore));
        static double Spread(ScreeningResult r)
        {
            double[] scores = [r.Score, r.Similarity!.Value, r.SemanticScore!.Value];
            return Math.Round(scores.Max() - scores.Min(), 9);
        }
        var expected = screened.OrderByDescending(Spread).ThenBy(r => r.Id, StringComparer.Ordinal).Take(3);
        Assert.Equal(expected.Select(r => r.Id), queue.Items.Select(i => i.ResultId));
        var first = queue.Items[0].Reason;
        var firstResult = screened.Single(r => r.Id == queue.Items[0].ResultId);
        Assert.Equal(Spread(firstResult), first.Spread!.Value, 9);
        Assert.Equal([MatchingModels.BaselineModelName, ScreeningModels.ModelName, MatchingModels.EncoderModelName], first.ModelScores!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetReviewQueueAsync_Oldest_LongestWaitFirstInSeconds()
    {
        var time = new FakeTimeProvider();
        var (cluster, review, _) = await StartAsync("jq-o", 3, time, TimeSpan.FromMinutes(30));
        await using var __ = cluster;

        var queue = await review.GetReviewQueueAsync("oldest", 10);

        // Screened at 0, 30 and 60 minutes; asked at 90.
        Assert.Equal([("jq-o|c0", 5400.0), ("jq-o|c1", 3600.0), ("jq-o|c2", 1800.0)], queue.Items.Select(i => (i.ResultId, i.Reason.WaitSeconds!.Value)));
        Assert.Equal("waiting 1 h 30 min since it was screened", queue.Items[0].Reason.Summary);
    }

    [Fact]
    public async Task GetReviewQueueAsync_Diversity_FirstIsTheLeastSimilarToTheReviewedOne()
    {
        var (cluster, review, screened) = await StartAsync("jq-v", 6);
        await using var _ = cluster;
        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "ann"));
        var vectors = new Dictionary<string, float[]>();
        for (int i = 0; i < 6; i++)
        {
            var features = await cluster.GrainFactory.GetGrain<ICandidateFeaturesGrain>($"c{i}").GetFeaturesAsync(GrainsSiloBuilderExtensions.BuiltinBaselineVersion);
            vectors[$"jq-v|c{i}"] = features!.Embedding!;
        }

        var queue = await review.GetReviewQueueAsync("diversity", 5);

        var first = queue.Items[0];
        Assert.DoesNotContain(queue.Items, i => i.ResultId == "jq-v|c0");
        Assert.Equal(("jq-v|c0", "diversity"), (first.Reason.NearestReviewed, first.Reason.Strategy));
        double similarity = TensorPrimitives.CosineSimilarity(vectors[first.ResultId], vectors["jq-v|c0"]);
        Assert.Equal(similarity, first.Reason.Similarity!.Value, 4);
        // No other waiting result is less like the reviewed one.
        Assert.All(vectors.Keys.Where(id => id != "jq-v|c0"),
            id => Assert.True(TensorPrimitives.CosineSimilarity(vectors[id], vectors["jq-v|c0"]) >= similarity - 1e-6, id));
        Assert.Contains("nearest reviewed result is jq-v|c0", first.Reason.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReviewQueueAsync_OverlapTwo_KeepsAResultUntilTwoReviewersAndHidesItFromItsReviewer()
    {
        var (cluster, review, _) = await StartAsync("jq-x", 3);
        await using var _ = cluster;
        await review.SetReviewSettingsAsync(2);

        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "ann"));
        var forAnn = await review.GetReviewQueueAsync("oldest", 10, "ann");
        var forBob = await review.GetReviewQueueAsync("oldest", 10, "bob");
        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "bob"));
        var afterBoth = await review.GetReviewQueueAsync("oldest", 10);

        Assert.Equal(["jq-x|c1", "jq-x|c2"], forAnn.Items.Select(i => i.ResultId).Order(StringComparer.Ordinal));
        Assert.Equal(1, forBob.Items.Single(i => i.ResultId == "jq-x|c0").Reviews);
        Assert.Equal(3, forBob.Waiting);
        Assert.DoesNotContain(afterBoth.Items, i => i.ResultId == "jq-x|c0");
        Assert.Equal((2, 2), (afterBoth.Waiting, afterBoth.Overlap));
    }

    [Fact]
    public async Task GetReviewQueueAsync_BadInput_Throws()
    {
        var (cluster, review, _) = await StartAsync("jq-b", 1);
        await using var _ = cluster;

        await Assert.ThrowsAsync<ArgumentException>(() => review.GetReviewQueueAsync("random", 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => review.GetReviewQueueAsync("oldest", 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => review.GetReviewQueueAsync("oldest", 101));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => review.SetReviewSettingsAsync(6));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.GrainFactory.GetGrain<IJobReviewGrain>("no-such-job").GetReviewQueueAsync("oldest", 5));
    }
}
