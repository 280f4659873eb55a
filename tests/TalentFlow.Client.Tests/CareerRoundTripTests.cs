using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>Career advice through the typed client against the real silo (its sample career model).</summary>
[Collection(SiloCollection.Name)]
public sealed class CareerRoundTripTests(SiloFixture silo)
{
    [Fact]
    public async Task RecommendCareers_DevOpsText_ReturnsTheCareerWithSkillsToLearn()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var advice = await scope.Client.RecommendCareersAsync(new CareerRecommendationRequest("I run docker containers and kubernetes clusters, and automate deployments", TopK: 2));

        Assert.Equal(2, advice.Careers.Count);
        Assert.Equal("DevOps Engineer", advice.Careers[0].Career);
        Assert.DoesNotContain("Docker", advice.Careers[0].SkillsToLearn);
        Assert.Contains("Terraform", advice.Careers[0].SkillsToLearn);
        Assert.True(advice.IsSample);
    }

    [Fact]
    public async Task RecommendCareers_UnknownCandidate_ThrowsNotFound()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.RecommendCareersAsync(new CareerRecommendationRequest(null, "nobody-" + Guid.NewGuid().ToString("N")[..6])));
    }

    [Fact]
    public async Task RecommendCareers_TopKZero_ThrowsValidation()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.RecommendCareersAsync(new CareerRecommendationRequest("nurse", TopK: 0)));
    }
}
