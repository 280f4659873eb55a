using TalentFlow.Client.Http;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Client.Tests;

/// <summary>Jobs, candidates, scores and rankings through the typed client against the real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class CatalogRoundTripTests(SiloFixture silo)
{
    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private const string DataEngineerJob = "We need a data engineer to build pipelines in Python and SQL with Airflow and Spark. 3+ years of experience.";

    [Fact]
    public async Task CreateJobAndCandidate_ThenGet_ReturnTheStoredProfiles()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string jobId = NewId("job"), candidateId = NewId("cand");

        var job = await client.CreateJobAsync(new CreateJobRequest("Data Engineer", DataEngineerJob, ["Python", "SQL"], "Oslo", "Contoso", jobId));
        var candidate = await client.CreateCandidateAsync(new CreateCandidateRequest("Robin Example",
            "Skills: Python, SQL, Airflow\nExperience\nData Engineer, Acme, 2018 - 2024", candidateId));
        var readJob = await client.GetJobAsync(jobId);
        var readCandidate = await client.GetCandidateAsync(candidateId);

        Assert.Equal(jobId, job.Id);
        Assert.Equal("Contoso", readJob.Company);
        Assert.Equal(job.RequiredSkills, readJob.RequiredSkills);
        Assert.Contains(readJob.RequiredSkills, s => s.Equals("python", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(candidateId, candidate.Id);
        Assert.Equal("Robin Example", readCandidate.Name);
        Assert.Contains(readCandidate.Skills, s => s.Equals("sql", StringComparison.OrdinalIgnoreCase));
        Assert.True(readCandidate.TotalYearsExperience > 0);
    }

    [Fact]
    public async Task GetCandidate_StructuredResume_CarriesAConfidencePerField()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string candidateId = NewId("cand");
        await scope.Client.CreateCandidateAsync(new CreateCandidateRequest("Robin Example",
            "robin@example.com\nSkills: Python, SQL, Airflow\nExperience\nData Engineer, Acme, 2018 - 2024", candidateId));

        var confidence = (await scope.Client.GetCandidateAsync(candidateId)).FieldConfidence;

        Assert.NotNull(confidence);
        Assert.Equal(["contact", "education", "experience", "experience_years", "sections", "skills"], confidence.Keys.Order(StringComparer.Ordinal));
        Assert.All(confidence.Values, c => Assert.InRange(c, 0.0, 1.0));
        Assert.Equal(0, confidence["education"]);
        Assert.Equal(0.9, confidence["contact"]);
    }

    [Fact]
    public async Task CreateJob_WithoutId_ServerChoosesOne()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var job = await scope.Client.CreateJobAsync(new CreateJobRequest("Analyst", "SQL and Excel reporting for finance."));

        Assert.StartsWith("job-", job.Id, StringComparison.Ordinal);
        Assert.Equal(job.Id, (await scope.Client.GetJobAsync(job.Id)).Id);
    }

    [Fact]
    public async Task ScoreCandidate_FromBothSides_ReturnsTheSameExplainedMatch()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string jobId = NewId("job"), candidateId = NewId("cand");
        await client.CreateJobAsync(new CreateJobRequest("Data Engineer", DataEngineerJob, ["Python", "SQL", "Spark"], Id: jobId));
        await client.CreateCandidateAsync(new CreateCandidateRequest("Sam", "Skills: Python, SQL\nExperience\nData Engineer, Acme, 2019 - 2024", candidateId));

        var fromJob = await client.ScoreCandidateAsync(jobId, candidateId);
        var fromCandidate = await client.ScoreJobForCandidateAsync(candidateId, jobId);

        Assert.Equal(fromJob.Score, fromCandidate.Score);
        Assert.Equal(candidateId, fromJob.CandidateId);
        Assert.Equal(jobId, fromJob.JobId);
        Assert.Contains(fromJob.Decision, new[] { "SHORTLIST", "REJECT" });
        Assert.InRange(fromJob.Score, 0, 1);
        Assert.Contains(fromJob.MatchedSkills, s => s.Equals("python", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fromJob.MissingSkills, s => s.Equals("spark", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(fromJob.ModelVersions);
        Assert.NotEmpty(fromJob.SectionScores);
    }

    [Fact]
    public async Task RankCandidates_WithSkillYearsAndScoreFilters_ReturnsOnlyCandidatesThatPass()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string jobId = NewId("job"), withSpark = NewId("cand"), withoutSpark = NewId("cand"), junior = NewId("cand");
        await client.CreateJobAsync(new CreateJobRequest("Data Engineer", DataEngineerJob, ["Python", "SQL", "Spark"], Id: jobId));
        await client.CreateCandidateAsync(new CreateCandidateRequest("A", "Skills: Python, SQL, Spark, Airflow\nExperience\nData Engineer, Acme, 2015 - 2024", withSpark));
        await client.CreateCandidateAsync(new CreateCandidateRequest("B", "Skills: Python, SQL\nExperience\nData Engineer, Acme, 2015 - 2024", withoutSpark));
        await client.CreateCandidateAsync(new CreateCandidateRequest("C", "Skills: Spark, Python\nExperience\nIntern, Acme, 2023 - 2024", junior));

        var all = await client.RankCandidatesAsync(jobId, top: 1000);
        var filtered = await client.RankCandidatesAsync(jobId, top: 1000, new CandidateFilter(["spark"], MinYearsExperience: 5, MinScore: -1));
        var topOne = await client.RankCandidatesAsync(jobId, top: 1);

        Assert.Contains(all, r => r.CandidateId == withoutSpark);
        Assert.Contains(filtered, r => r.CandidateId == withSpark);
        Assert.DoesNotContain(filtered, r => r.CandidateId == withoutSpark || r.CandidateId == junior);
        foreach (var ranked in filtered)
        {
            var profile = await client.GetCandidateAsync(ranked.CandidateId);
            Assert.Contains(profile.Skills, s => s.Equals("spark", StringComparison.OrdinalIgnoreCase));
            Assert.True(profile.TotalYearsExperience >= 5);
        }
        Assert.Equal(all[0], Assert.Single(topOne));
        Assert.Equal(all.OrderByDescending(r => r.Score).Select(r => r.Score), all.Select(r => r.Score));
    }

    [Fact]
    public async Task DeleteCandidate_ThenGet_ThrowsNotFound()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string candidateId = NewId("cand");
        await client.CreateCandidateAsync(new CreateCandidateRequest("Gone Soon", "Skills: Go, Kubernetes\nExperience\nSRE, Fabrikam, 2020 - 2024", candidateId));

        await client.DeleteCandidateAsync(candidateId);

        var notFound = await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => client.GetCandidateAsync(candidateId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains(candidateId, notFound.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => client.GetCandidateHistoryAsync(candidateId));
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => client.DeleteCandidateAsync(candidateId));
    }
}
