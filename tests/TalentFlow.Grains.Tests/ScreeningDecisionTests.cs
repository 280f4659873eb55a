using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;

namespace TalentFlow.Grains.Tests;

/// <summary>One score, the job's threshold, the decision's reason (issue 17, point 1).</summary>
[Collection(GrainsClusterCollection.Name)]
public sealed partial class ScreeningDecisionTests(GrainsClusterFixture fixture)
{
    private IGrainFactory Factory => fixture.Cluster.GrainFactory;

    private ScreeningScorer Served => fixture.Cluster.Silos[0].Host.Services.GetRequiredService<ScreeningModels>().Current;

    [GeneratedRegex(@"^probability \d\.\d{2,6} (at or above|below) the job's threshold \d\.\d{2,6}(; (matched|missing): .+)*$")]
    private static partial Regex ReasonPattern();

    private async Task<(IJobGrain Job, List<string> Candidates, string JobId)> StoreAsync(int jobIndex, int candidates, JobPosting? posting = null)
    {
        string suffix = Guid.NewGuid().ToString("N")[..8];
        string jobId = "dec-" + suffix;
        var job = Factory.GetGrain<IJobGrain>(jobId);
        await job.UpsertAsync(posting ?? SampleCorpus.Jobs()[jobIndex].Posting);
        var ids = new List<string>();
        foreach (var person in SampleCorpus.Candidates(candidates, seed: 3))
        {
            string id = person.Id + "-" + suffix;
            await Factory.GetGrain<ICandidateGrain>(id).UpsertResumeAsync(person.Resume);
            ids.Add(id);
        }
        return (job, ids, jobId);
    }

    [Fact]
    public async Task ScreenAsync_NoThresholdSet_DecidesAtTheModelsCalibratedDefaultAndSaysWhyInWords()
    {
        var (job, candidates, jobId) = await StoreAsync(0, 8);

        var results = new List<ScreeningResult>();
        foreach (var id in candidates) results.Add(await job.ScreenAsync(id));
        var scored = await job.ScoreCandidateAsync(candidates[0]);
        var fromCandidate = await Factory.GetGrain<ICandidateGrain>(candidates[0]).ScoreAgainstJobAsync(jobId);

        Assert.All(results, r =>
        {
            Assert.Equal(Served.DefaultThreshold, r.ShortlistThreshold);
            Assert.Equal(r.Score >= r.ShortlistThreshold ? "SHORTLIST" : "REJECT", r.Decision);
            Assert.Matches(ReasonPattern(), r.DecisionReason);
            Assert.Equal(Served.Version, r.ModelVersions[ScreeningModels.ModelName]);
            Assert.InRange(r.Score, 0, 1);
        });
        // One number for one pair, whichever route asks.
        Assert.Equal(results[0].Score, scored.Score);
        Assert.Equal(results[0].Score, fromCandidate.Score);
        Assert.Equal(results[0].Decision, fromCandidate.Decision);
        // The same-role candidate (candidate 0 is a backend engineer, as job 0 asks) scores above the others.
        Assert.Equal(results[0].Score, results.Max(r => r.Score));
    }

    [Fact]
    public async Task ScreenAsync_OneParagraphJob_ScoresTheSameRoleHighestWithAReason()
    {
        var posting = new JobPosting("Data Scientist",
            "We are looking for a data scientist who trains machine learning models in Python with pandas and scikit-learn, runs A/B tests, "
            + "reports statistics to product teams and has three or more years of experience and a master's degree in statistics.");
        var (job, candidates, _) = await StoreAsync(1, 8, posting);

        var results = new List<ScreeningResult>();
        foreach (var id in candidates) results.Add(await job.ScreenAsync(id));

        Assert.All(results, r => Assert.Matches(ReasonPattern(), r.DecisionReason));
        Assert.Equal(results[1].Score, results.Max(r => r.Score)); // candidate 1 is the data scientist
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public async Task SetSettingsAsync_ThresholdOutsideZeroOne_ThrowsArgumentExceptionAndKeepsTheSettings(double threshold)
    {
        var (_, _, jobId) = await StoreAsync(0, 0);
        var settings = Factory.GetGrain<IJobRequirementsGrain>(jobId);

        await Assert.ThrowsAsync<ArgumentException>(() => settings.SetSettingsAsync(new JobSettings(false, ShortlistThreshold: threshold)));
        await Assert.ThrowsAsync<ArgumentException>(() => settings.SetSettingsAsync(new JobSettings(false, TargetShortlistRate: threshold)));
        await Assert.ThrowsAsync<ArgumentException>(() => settings.SetSettingsAsync(new JobSettings(false, 0.5, 0.5)));

        Assert.Equal(new JobSettings(false), await settings.GetSettingsAsync());
    }

    [Fact]
    public async Task ScreenAsync_JobThresholdJustAboveOrBelowTheScore_DecisionFollowsTheJobsThreshold()
    {
        // Candidate 1 (a data scientist) against job 0 (a backend engineer): a score well inside (0, 1).
        var (job, candidates, jobId) = await StoreAsync(0, 2);
        var settings = Factory.GetGrain<IJobRequirementsGrain>(jobId);
        double score = (await job.ScreenAsync(candidates[1])).Score;
        Assert.InRange(score, 0.002, 0.998);
        double above = Math.Round((score + 1) / 2, 6), below = Math.Round(score / 2, 6);

        await settings.SetSettingsAsync(new JobSettings(false, ShortlistThreshold: above));
        var rejected = await job.ScreenAsync(candidates[1]);
        await settings.SetSettingsAsync(new JobSettings(false, ShortlistThreshold: below));
        var shortlisted = await job.ScreenAsync(candidates[1]);

        Assert.Equal(("REJECT", above), (rejected.Decision, rejected.ShortlistThreshold!.Value));
        Assert.Contains("below the job's threshold", rejected.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(("SHORTLIST", below), (shortlisted.Decision, shortlisted.ShortlistThreshold!.Value));
        Assert.Contains("at or above the job's threshold", shortlisted.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(rejected.Score, shortlisted.Score);
    }

    [Fact]
    public async Task ScreenAsync_TargetShortlistRate_ShortlistsThatShareOnceTheJobHasTenResults()
    {
        var (job, candidates, jobId) = await StoreAsync(2, 16);
        await Factory.GetGrain<IJobRequirementsGrain>(jobId).SetSettingsAsync(new JobSettings(false, TargetShortlistRate: 0.25));

        foreach (var id in candidates) await job.ScreenAsync(id);
        // Screened again: every result now decides at the rate's threshold over the sixteen scores.
        var again = new List<ScreeningResult>();
        foreach (var id in candidates) again.Add(await job.ScreenAsync(id));

        double fourth = again.Select(r => r.Score).OrderDescending().ElementAt(3);
        Assert.All(again, r => Assert.Equal(fourth, r.ShortlistThreshold!.Value, 6));
        Assert.Equal(again.Count(r => r.Score >= fourth), again.Count(r => r.Decision == "SHORTLIST"));
        Assert.InRange(again.Count(r => r.Decision == "SHORTLIST"), 4, 5);
    }
}
