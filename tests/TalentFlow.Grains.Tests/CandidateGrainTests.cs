using TalentFlow.Contracts.Candidates;
using TalentFlow.Grains.Candidates;

namespace TalentFlow.Grains.Tests;

[Collection(GrainsClusterCollection.Name)]
public sealed class CandidateGrainTests(GrainsClusterFixture fixture)
{
    private const string Resume = """
        Dana Example
        Summary
        Backend engineer with 6 years of experience.
        Skills
        C#, .NET, PostgreSQL, Docker, Kubernetes
        Experience
        Senior Backend Engineer, Contoso, 2019 - 2025
        - Built REST APIs in C# on .NET
        Education
        Bachelor of Science in Computer Science, State University, 2018
        """;

    private ICandidateGrain Candidate(string key) => fixture.Cluster.GrainFactory.GetGrain<ICandidateGrain>(key);

    [Fact]
    public async Task UpsertResumeAsync_StructuredResume_ReturnsSkillsSectionsExperienceAndEducation()
    {
        var profile = await Candidate("cand-" + Guid.NewGuid().ToString("N")).UpsertResumeAsync(new CandidateResume("Dana", Resume));

        Assert.Equal("Dana", profile.Name);
        Assert.Contains("C#", profile.Skills);
        Assert.Contains("Kubernetes", profile.Skills);
        Assert.Contains("skills", profile.Sections);
        Assert.Contains("education", profile.Sections);
        Assert.InRange(profile.TotalYearsExperience, 5.5, 6.5);
        Assert.Contains(profile.Experience, e => e.Start == "2019-01" && e.Confidence > 0);
        Assert.Contains(profile.Education, e => e.Degree is not null && e.Degree.Contains("Bachelor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetProfileAsync_FromAnotherSilo_ReturnsTheStoredProfile()
    {
        string key = "cand-" + Guid.NewGuid().ToString("N");
        var stored = await fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICandidateGrain>(key).UpsertResumeAsync(new CandidateResume("Dana", Resume));

        var read = await fixture.Cluster.Silos[1].GrainFactory.GetGrain<ICandidateGrain>(key).GetProfileAsync();

        Assert.NotNull(read);
        Assert.Equal(stored.Skills, read.Skills);
        Assert.Equal(stored.UpdatedAt, read.UpdatedAt);
    }

    [Fact]
    public async Task GetProfileAsync_NeverStored_ReturnsNull()
    {
        Assert.Null(await Candidate("nobody-" + Guid.NewGuid().ToString("N")).GetProfileAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task UpsertResumeAsync_EmptyText_ThrowsArgumentExceptionAndKeepsThePreviousResume(string text)
    {
        var grain = Candidate("cand-" + Guid.NewGuid().ToString("N"));
        await grain.UpsertResumeAsync(new CandidateResume("Dana", Resume));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.UpsertResumeAsync(new CandidateResume("Dana", text)));

        Assert.Contains("empty", error.Message);
        Assert.Contains("Kubernetes", (await grain.GetProfileAsync())!.Skills);
    }

    [Fact]
    public async Task UpsertResumeAsync_OverTheSizeLimit_ThrowsArgumentExceptionNamingTheLimit()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Candidate("big-" + Guid.NewGuid().ToString("N")).UpsertResumeAsync(new CandidateResume("Big", new string('x', 200_001))));

        Assert.Contains("200,000", error.Message);
    }
}
