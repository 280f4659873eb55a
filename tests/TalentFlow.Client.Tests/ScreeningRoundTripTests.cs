using System.Text;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Client.Tests;

/// <summary>The learning loop's front half through the typed client: upload and screen, results, feedback, history, training status.</summary>
[Collection(SiloCollection.Name)]
public sealed class ScreeningRoundTripTests(SiloFixture silo)
{
    private const string Resume = "Skills\nPython, pandas, scikit-learn, machine learning, SQL\nExperience\nData Scientist, Contoso, 2019 - 2024\nEducation\nMaster of Science in Statistics";

    [Fact]
    public async Task UploadResume_TextStream_ScreensThenFeedbackShowsInResultsHistoryAndStatus()
    {
        using var recruiterScope = silo.CreateClient(TestKeys.Recruiter);
        using var reviewerScope = silo.CreateClient(TestKeys.Reviewer);
        var recruiter = recruiterScope.Client;
        var reviewer = reviewerScope.Client;
        string jobId = "job-" + Guid.NewGuid().ToString("N")[..8];
        await recruiter.CreateJobAsync(new CreateJobRequest("Data Scientist", "Python, SQL and machine learning for forecasting; statistics degree.", ["Python", "SQL", "Machine Learning"], Id: jobId));
        var before = await reviewer.GetTrainingStatusAsync();

        using var file = new MemoryStream(Encoding.UTF8.GetBytes(Resume));
        var screened = await recruiter.UploadResumeAsync(jobId, file, "pat.txt", "Pat Example");
        var receipt = await reviewer.SubmitFeedbackAsync(screened.Id, new ReviewerFeedback("shortlist", Notes: "strong", Reviewer: "rev-1"));
        var results = await recruiter.GetScreeningResultsAsync(jobId);
        var history = await recruiter.GetCandidateHistoryAsync(screened.CandidateId);
        var after = await reviewer.GetTrainingStatusAsync();

        Assert.Equal(jobId, screened.JobId);
        Assert.Equal("Pat Example", screened.CandidateName);
        Assert.False(screened.HumanReviewed);
        Assert.Contains("Python", screened.MatchedSkills);
        Assert.True(file.CanRead, "the caller's stream stays open");
        Assert.True(receipt.Success);
        Assert.Equal(screened.Id, receipt.ScreeningResultId);
        Assert.True(Assert.Single(results).HumanReviewed);
        Assert.Equal(["reviewed", "screened"], history.Select(h => h.Kind));
        Assert.Equal(before.TotalSamples + 1, after.TotalSamples);
        Assert.Equal(after.Threshold - after.TotalSamples, after.SamplesNeeded);
    }

    [Fact]
    public async Task UploadResume_UnknownFormat_ThrowsValidationExceptionWith415()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string jobId = "job-" + Guid.NewGuid().ToString("N")[..8];
        await scope.Client.CreateJobAsync(new CreateJobRequest("Analyst", "SQL reporting.", Id: jobId));
        using var file = new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.UploadResumeAsync(jobId, file, "tool.exe"));

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, ex.StatusCode);
        Assert.NotNull(ex.Problem);
    }

    [Fact]
    public async Task SubmitFeedback_UnknownResult_ThrowsNotFound()
    {
        using var recruiter = silo.CreateClient(TestKeys.Recruiter);
        using var reviewer = silo.CreateClient(TestKeys.Reviewer);
        string jobId = "job-" + Guid.NewGuid().ToString("N")[..8];
        await recruiter.Client.CreateJobAsync(new CreateJobRequest("Analyst", "SQL reporting.", Id: jobId));

        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() =>
            reviewer.Client.SubmitFeedbackAsync(jobId + "|nobody", new ReviewerFeedback("reject")));
    }
}
