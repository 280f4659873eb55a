using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Careers;

namespace TalentFlow.Grains.Careers;

/// <summary>
/// Career advice (seed 004): a person's text, or a stored candidate's profile → the most probable careers with calibrated
/// confidence, the skills to learn for each and books. A stateless worker: every silo answers locally from the model it
/// serves; use key <see cref="Key"/>.
/// </summary>
[Alias("TalentFlow.Grains.ICareerAdvisorGrain")]
public interface ICareerAdvisorGrain : IGrainWithStringKey
{
    /// <summary>The one key callers use.</summary>
    public const string Key = "careers";

    /// <summary>Recommends careers for <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">Neither or both of text and candidate id, an empty text, or top k outside 1–50.</exception>
    /// <exception cref="KeyNotFoundException">The candidate does not exist.</exception>
    [ReadOnly]
    [Alias("RecommendAsync")]
    Task<CareerAdviceResult> RecommendAsync(CareerQuery query, CancellationToken cancellationToken = default);
}
