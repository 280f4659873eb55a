using System.Net;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>The real silo's problem+json answers become the typed exceptions, with the server's words.</summary>
[Collection(SiloCollection.Name)]
public sealed class ErrorMappingTests(SiloFixture silo)
{
    [Fact]
    public async Task GetJob_UnknownKey_ThrowsAuthenticationException()
    {
        using var scope = silo.CreateClient("not-a-key-the-server-knows-0123456789");

        var ex = await Assert.ThrowsAsync<TalentFlowAuthenticationException>(() => scope.Client.GetJobAsync("any"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain("not-a-key-the-server-knows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSilos_RecruiterKey_ThrowsForbiddenException()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var ex = await Assert.ThrowsAsync<TalentFlowForbiddenException>(() => scope.Client.GetSilosAsync());

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.NotNull(ex.Problem);
    }

    [Fact]
    public async Task SubmitFeedback_RecruiterKey_ThrowsForbiddenException()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        await Assert.ThrowsAsync<TalentFlowForbiddenException>(() =>
            scope.Client.SubmitFeedbackAsync("job|cand", new Contracts.Training.ReviewerFeedback("reject")));
    }

    [Fact]
    public async Task RankCandidates_TopOutOfRange_ThrowsValidationExceptionWithTheServersDetail()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.RankCandidatesAsync("any-job", top: 5000));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("top must be 1–1000.", ex.Detail);
        Assert.Equal("Invalid request", ex.Title);
        Assert.Equal(400, ex.Problem!.Status);
        Assert.Contains("top must be 1–1000.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateJob_EmptyTitle_ThrowsValidationException()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.CreateJobAsync(new CreateJobRequest("", "")));

        Assert.False(string.IsNullOrWhiteSpace(ex.Detail));
    }

    [Fact]
    public async Task GetJob_Unknown_ThrowsNotFoundException()
    {
        using var scope = silo.CreateClient(TestKeys.Reviewer);

        var ex = await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.GetJobAsync("no-such-job"));

        Assert.Equal("Job 'no-such-job' does not exist.", ex.Detail);
    }
}
