using TalentFlow.Contracts.Careers;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// Career advice (<c>POST /api/v1/careers/recommendations</c>, recruiter): the most probable careers for a person's text
    /// or a stored candidate, with calibrated confidence, skills to learn and books.
    /// </summary>
    /// <param name="request">The text or the candidate id, and how many careers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">Neither or both of text and candidate id, or top k outside 1–50.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such candidate.</exception>
    public Task<CareerAdviceResult> RecommendCareersAsync(CareerRecommendationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync("api/v1/careers/recommendations", request, Json.CareerRecommendationRequest, Json.CareerAdviceResult, cancellationToken);
    }
}
