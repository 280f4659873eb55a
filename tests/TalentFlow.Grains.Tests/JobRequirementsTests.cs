using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

[Collection(GrainsClusterCollection.Name)]
public sealed class JobRequirementsTests(GrainsClusterFixture fixture)
{
    private const string Posting = """
        We run our platform on AWS.
        Requirements:
        - Terraform on AWS
        - Docker and Kubernetes clusters
        - Must be authorized to work in the United States
        Nice to have
        - Prometheus monitoring
        """;

    private const string Resume = """
        DevOps engineer: Terraform on AWS, Docker and Kubernetes.
        Built Terraform modules on AWS for every team.
        Ran Docker images on Kubernetes clusters.
        """;

    private IGrainFactory Factory => fixture.Cluster.GrainFactory;

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> StoreJobAsync(string description = Posting, bool blind = false)
    {
        string id = NewId("job");
        await Factory.GetGrain<IJobGrain>(id).UpsertAsync(new JobPosting("Site Reliability Engineer", description));
        if (blind) await Factory.GetGrain<IJobRequirementsGrain>(id).SetSettingsAsync(new JobSettings(BlindScreening: true));
        return id;
    }

    private async Task<string> StoreCandidateAsync(string name, string text)
    {
        string id = NewId("cand");
        await Factory.GetGrain<ICandidateGrain>(id).UpsertResumeAsync(new CandidateResume(name, text));
        return id;
    }

    [Fact]
    public async Task UpsertAsync_PostingWithSections_ProposesRequirementsThatAnEditReplacesAndARepostKeeps()
    {
        string jobId = await StoreJobAsync();
        var grain = Factory.GetGrain<IJobRequirementsGrain>(jobId);

        var proposed = await grain.GetRequirementsAsync();
        var edited = await grain.SetRequirementsAsync([new JobRequirementInput(null, "knockout", "  Valid CKA certification "), new JobRequirementInput("own", "nice_to_have", "Go", 0.3)]);
        await Factory.GetGrain<IJobGrain>(jobId).UpsertAsync(new JobPosting("Site Reliability Engineer", Posting + "\n- Python"));
        var afterRepost = await grain.GetRequirementsAsync();

        Assert.False(proposed.Edited);
        Assert.Equal(
            [("must_have", "Terraform on AWS"), ("must_have", "Docker and Kubernetes clusters"), ("knockout", "Must be authorized to work in the United States"), ("nice_to_have", "Prometheus monitoring")],
            proposed.Requirements.Select(r => (r.Kind, r.Text)));
        Assert.True(edited.Edited);
        Assert.Equal([new JobRequirement("req-1", "knockout", "Valid CKA certification", 1.0), new JobRequirement("own", "nice_to_have", "Go", 0.3)], edited.Requirements);
        Assert.Equal(edited.Requirements, afterRepost.Requirements);
        Assert.True(afterRepost.Edited);
    }

    [Theory]
    [InlineData("required", "SQL", 1.0)]
    [InlineData("must_have", "   ", 1.0)]
    [InlineData("must_have", "SQL", 0.0)]
    [InlineData("must_have", "SQL", 1.01)]
    public async Task SetRequirementsAsync_BadItem_ThrowsArgumentExceptionAndKeepsTheList(string kind, string text, double weight)
    {
        string jobId = await StoreJobAsync();
        var grain = Factory.GetGrain<IJobRequirementsGrain>(jobId);
        var before = await grain.GetRequirementsAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.SetRequirementsAsync([new JobRequirementInput(null, kind, text, weight)]));

        Assert.Equal(before.Requirements, (await grain.GetRequirementsAsync()).Requirements);
    }

    [Fact]
    public async Task RequirementsAndSettings_UnknownJob_ThrowKeyNotFound()
    {
        var grain = Factory.GetGrain<IJobRequirementsGrain>(NewId("missing"));

        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.GetRequirementsAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.SetRequirementsAsync([]));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.SetSettingsAsync(new JobSettings(true)));
    }

    [Fact]
    public async Task ScreenAsync_KnockoutNotFound_ForcesRejectWithTheReasonWhileTheResumeThatShowsItKeepsTheModelsDecision()
    {
        string jobId = await StoreJobAsync();
        // A threshold every score reaches: only the knockout can reject.
        await Factory.GetGrain<IJobRequirementsGrain>(jobId).SetSettingsAsync(new JobSettings(false, ShortlistThreshold: 0.001));
        var job = Factory.GetGrain<IJobGrain>(jobId);
        string without = await StoreCandidateAsync("Sam Without", Resume);
        string with = await StoreCandidateAsync("Sam With", Resume + "\nAuthorized to work in the United States.");

        var model = await job.ScoreCandidateAsync(without);
        var rejected = await job.ScreenAsync(without);
        var kept = await job.ScreenAsync(with);

        Assert.Equal("SHORTLIST", model.Decision);
        Assert.Equal("REJECT", rejected.Decision);
        Assert.Equal(["req-3"], rejected.Requirements!.FailedKnockouts);
        Assert.StartsWith("knockout: ", rejected.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("req-3", rejected.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("not found", rejected.DecisionReason, StringComparison.Ordinal);
        Assert.Equal("missing", rejected.Requirements.Items.Single(i => i.Id == "req-3").Status);
        Assert.Equal("SHORTLIST", kept.Decision);
        Assert.StartsWith("probability ", kept.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("at or above the job's threshold", kept.DecisionReason, StringComparison.Ordinal);
        Assert.Empty(kept.Requirements!.FailedKnockouts);
        Assert.Equal("REJECT", (await job.GetScreeningResultsAsync()).Single(r => r.CandidateId == without).Decision);
    }

    [Fact]
    public async Task ScreenAsync_RequirementsJob_GivesEvidencePerRequirementAndSubScores()
    {
        string jobId = await StoreJobAsync();
        string candidate = await StoreCandidateAsync("Sam Evidence", Resume + "\nAuthorized to work in the United States.");

        var block = (await Factory.GetGrain<IJobGrain>(jobId).ScreenAsync(candidate)).Requirements!;

        Assert.Equal(["met", "met", "met", "missing"], block.Items.Select(i => i.Status));
        var terraform = block.Items[0];
        Assert.Contains(terraform.Evidence, e => e.Sentence == "Built Terraform modules on AWS for every team." && e.Similarity >= 0.6);
        Assert.Empty(block.Items[3].Evidence);
        Assert.Equal(1.0, block.MustHaveCoverage);
        Assert.Equal(0.0, block.NiceToHaveCoverage);
    }

    [Fact]
    public async Task ScreenAsync_BlindJob_ScoresTheMaskedTextSoANameFromTheJobTextChangesNothing()
    {
        const string posting = "DevOps engineer for Jenkins pipelines, Terraform on AWS, Docker and Kubernetes on Linux.";
        const string body = "\njordan.jenkins@example.com | +1 (512) 555-0100 | Age: 34\n12 Elm Road, Springfield\nDevOps engineer with Terraform, AWS, Docker and Kubernetes on Linux.";
        string open = await StoreJobAsync(posting);
        string blind = await StoreJobAsync(posting, blind: true);
        string jordan = await StoreCandidateAsync("Jordan Jenkins", "Jordan Jenkins" + body);
        string robin = await StoreCandidateAsync("Robin Lee", "Robin Lee" + body.Replace("jordan.jenkins", "robin.lee", StringComparison.Ordinal));

        var openJordan = await Factory.GetGrain<IJobGrain>(open).ScoreCandidateAsync(jordan);
        var openRobin = await Factory.GetGrain<IJobGrain>(open).ScoreCandidateAsync(robin);
        var blindJordan = await Factory.GetGrain<IJobGrain>(blind).ScoreCandidateAsync(jordan);
        var blindRobin = await Factory.GetGrain<IJobGrain>(blind).ScoreCandidateAsync(robin);
        var screened = await Factory.GetGrain<IJobGrain>(blind).ScreenAsync(jordan);
        var fromCandidate = await Factory.GetGrain<ICandidateGrain>(jordan).ScoreAgainstJobAsync(blind);

        // The name shares a word with the posting: seen, it lifts the score; masked, both resumes are the same text.
        Assert.True(openJordan.Score > openRobin.Score, $"{openJordan.Score} vs {openRobin.Score}");
        Assert.Equal(blindRobin.Score, blindJordan.Score);
        Assert.Equal(blindRobin.SemanticScore, blindJordan.SemanticScore);
        Assert.Equal(blindRobin.MatchedSkills, blindJordan.MatchedSkills);
        Assert.True(screened.Blind);
        Assert.Equal(BlindMask.Pseudonym(jordan), screened.CandidateName);
        Assert.Equal(blindJordan.Score, screened.Score);
        Assert.Equal((blindJordan.Score, blindJordan.SemanticScore), (fromCandidate.Score, fromCandidate.SemanticScore));
        // The open job's explanation saw the name (the score may saturate at 1 for both).
        Assert.NotEqual(openJordan.Similarity, fromCandidate.Similarity);
        string quoted = string.Join("\n", screened.Requirements!.Items.SelectMany(i => i.Evidence).Select(e => e.Sentence));
        Assert.NotEmpty(quoted);
        foreach (string secret in new[] { "Jordan", "Jenkins", "@", "555", "Elm Road", "34" })
        {
            Assert.DoesNotContain(secret, quoted, StringComparison.OrdinalIgnoreCase);
        }
    }
}
