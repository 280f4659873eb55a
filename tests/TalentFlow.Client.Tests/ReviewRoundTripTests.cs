using System.Text;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Client.Tests;

/// <summary>The review workflow through the typed client: overlap, queue, agreement, adjudication.</summary>
[Collection(SiloCollection.Name)]
public sealed class ReviewRoundTripTests(SiloFixture silo)
{
    private static readonly string[] Resumes =
    [
        "Skills\nPython, pandas, SQL\nExperience\nData Scientist, Contoso, 2019 - 2024",
        "Skills\nReact, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024",
    ];

    [Fact]
    public async Task ReviewWorkflow_TwoReviewersDisagree_QueueAgreementAndAdjudicationRoundTrip()
    {
        using var recruiterScope = silo.CreateClient(TestKeys.Recruiter);
        using var adminScope = silo.CreateClient(TestKeys.Admin);
        using var reviewerScope = silo.CreateClient(TestKeys.Reviewer);
        using var adjudicatorScope = silo.CreateClient(TestKeys.Adjudicator);
        var recruiter = recruiterScope.Client;
        string jobId = "job-" + Guid.NewGuid().ToString("N")[..8];
        await recruiter.CreateJobAsync(new CreateJobRequest("Data Scientist", "Python, SQL and machine learning.", Id: jobId));
        var screened = new List<ScreeningResult>();
        foreach (var text in Resumes)
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(text));
            screened.Add(await recruiter.UploadResumeAsync(jobId, file, "cv.txt"));
        }

        var settings = await recruiter.SetReviewOverlapAsync(jobId, 2);
        var queue = await reviewerScope.Client.GetReviewQueueAsync(jobId, "oldest", limit: 5);
        await adminScope.Client.SubmitFeedbackAsync(screened[0].Id, new ReviewerFeedback("shortlist", Reviewer: "ann"));
        await adminScope.Client.SubmitFeedbackAsync(screened[0].Id, new ReviewerFeedback("reject", Reviewer: "bob"));
        await adminScope.Client.SubmitFeedbackAsync(screened[1].Id, new ReviewerFeedback("reject", Reviewer: "ann"));
        await adminScope.Client.SubmitFeedbackAsync(screened[1].Id, new ReviewerFeedback("reject", Reviewer: "bob"));
        var agreement = await reviewerScope.Client.GetJobAgreementAsync(jobId);
        var ann = await reviewerScope.Client.GetReviewerAgreementAsync("ann");
        var cases = await adjudicatorScope.Client.GetAdjudicationsAsync(jobId);
        var decided = await adjudicatorScope.Client.AdjudicateAsync(jobId, screened[0].CandidateId, "shortlist", "strong Python");
        var conflict = await Assert.ThrowsAsync<TalentFlowConflictException>(() =>
            adjudicatorScope.Client.AdjudicateAsync(jobId, screened[0].CandidateId, "reject", "again"));
        var afterwards = await reviewerScope.Client.GetJobAgreementAsync(jobId);

        Assert.Equal(new ReviewSettings(2, false), settings);
        Assert.Equal(new ReviewSettings(2, false), await recruiter.GetReviewSettingsAsync(jobId));
        Assert.Equal(("oldest", 2), (queue.Strategy, queue.Items.Count));
        Assert.All(queue.Items, i => Assert.NotNull(i.Reason.WaitSeconds));
        // ann S R, bob R R: p_o ½, p_e ½·0 + ½·1 = ½, κ = 0.
        Assert.Equal(("cohen_kappa", 0.0), (agreement.Method, agreement.Value));
        Assert.Equal(new ReviewCounts(2, 0, 0, 1, 1, 0), agreement.Counts);
        Assert.Equal(2, ann.Overall.Reviews);
        Assert.Equal(screened[0].Id, Assert.Single(cases).ResultId);
        Assert.Equal(["ann", "bob"], cases[0].Verdicts.Select(v => v.Reviewer));
        Assert.Equal(("shortlist", "adjudication-board"), (decided.Adjudication!.Label, decided.Adjudication.Adjudicator));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal((0, 1), (afterwards.Counts.Disputed, afterwards.Counts.Adjudicated));
        Assert.Equal(0, afterwards.Counts.QueueSize);
    }

    [Fact]
    public async Task GetReviewQueue_UnknownStrategy_ThrowsValidationException()
    {
        using var scope = silo.CreateClient(TestKeys.Reviewer);

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.GetReviewQueueAsync("sample-job-1", "random"));

        Assert.Contains("strategy must be one of", ex.Problem?.Detail, StringComparison.Ordinal);
    }
}
