using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

/// <summary>The custom scorer served by the silos from a <c>train scorer</c> folder: calibrated probability, decision by it.</summary>
public sealed class ScorerTests : IDisposable
{
    private static readonly TextNormalizer Normalizer = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tf-scorer-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string JobText(SampleJob job) => job.Posting.Title + "\n" + Normalizer.Normalize(job.Posting.Description);

    /// <summary>What <c>train scorer</c> writes, trained here on sample pairs labelled by role (candidate i has role i % 8).</summary>
    private async Task<(BaselineMatcher Matcher, LsaEncoder Encoder, MatchScorer Scorer)> WriteBundleAsync()
    {
        Directory.CreateDirectory(_directory);
        var (matcher, encoder, scorer) = await TestArtifacts.TrainScorerAsync(32);
        await using (var s = File.Create(Path.Combine(_directory, "scorer.json"))) scorer.Save(s);
        await using (var s = File.Create(Path.Combine(_directory, "baseline_model.json"))) matcher.Save(s);
        await using (var s = File.Create(Path.Combine(_directory, "encoder.json"))) encoder.Save(s);
        return (matcher, encoder, scorer);
    }

    [Fact]
    public async Task ScoreCandidateAsync_WithScorerDirectory_ReturnsTheCalibratedProbabilityAndDecidesByIt()
    {
        var (matcher, encoder, scorer) = await WriteBundleAsync();
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(o => o.ScorerDirectory = _directory);
        await using var cluster = await TestCluster.StartAsync(options);
        var factory = cluster.GrainFactory;
        var job = SampleCorpus.Jobs()[1];
        var candidates = SampleCorpus.Candidates(16, seed: 30);
        var profile = await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));

        var matches = new List<CandidateMatch>();
        foreach (var c in candidates) matches.Add(await factory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(c.Id));
        var fromCandidate = await factory.GetGrain<ICandidateGrain>(candidates[1].Id).ScoreAgainstJobAsync(job.Id);
        var screened = await factory.GetGrain<IJobGrain>(job.Id).ScreenAsync(candidates[1].Id);

        var extractor = new MatchFeatureExtractor(matcher, encoder);
        var jobSide = await extractor.PrepareJobAsync(JobText(job));
        for (int i = 0; i < candidates.Count; i++)
        {
            string resume = Normalizer.Normalize(candidates[i].Resume.Text);
            var baseline = matcher.Score(matcher.Prepare(resume), matcher.Prepare(JobText(job)), profile.RequiredSkills);
            double expected = scorer.Probability(MatchFeatureExtractor.Combine(baseline, await extractor.PrepareResumeAsync(resume), jobSide));
            Assert.Equal(expected, matches[i].MatchProbability!.Value, 5);
            // The legacy scorer explains; the screening model's score decides (issue 17).
            Assert.Equal(matches[i].Score >= matches[i].ShortlistThreshold ? "SHORTLIST" : "REJECT", matches[i].Decision);
            Assert.StartsWith("scorer-", matches[i].ModelVersions[MatchingModels.ScorerModelName], StringComparison.Ordinal);
            Assert.StartsWith("file-", matches[i].ModelVersions[MatchingModels.BaselineModelName], StringComparison.Ordinal);
        }
        // Job 1 has role 1: candidates of that role (i % 8 == 1) are the matches the scorer learned to call.
        double same = matches.Where((_, i) => i % 8 == 1).Average(m => m.MatchProbability!.Value);
        double other = matches.Where((_, i) => i % 8 != 1).Average(m => m.MatchProbability!.Value);
        Assert.True(same > other + 0.2, $"same role {same:0.00}, other roles {other:0.00}");
        Assert.Equal(matches[1].MatchProbability, fromCandidate.MatchProbability);
        Assert.Equal(matches[1].MatchProbability, screened.MatchProbability);
    }

    [Fact]
    public async Task Start_ScorerDirectoryIncompleteOrBesideABaselineFile_FailsWithTheSetting()
    {
        Directory.CreateDirectory(_directory);
        var incomplete = GrainsClusterFixture.CreateOptions(1);
        incomplete.ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(o => o.ScorerDirectory = _directory);
        var both = GrainsClusterFixture.CreateOptions(1);
        both.ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(o => (o.ScorerDirectory, o.OnnxModelDirectory) = (_directory, _directory));

        var first = await Assert.ThrowsAnyAsync<Exception>(() => TestCluster.StartAsync(incomplete));
        var second = await Assert.ThrowsAnyAsync<Exception>(() => TestCluster.StartAsync(both));

        Assert.Contains("Matching:ScorerDirectory", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("Matching:ScorerDirectory brings its own baseline", second.ToString(), StringComparison.Ordinal);
    }
}
