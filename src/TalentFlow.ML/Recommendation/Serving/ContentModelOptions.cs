using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// How <see cref="ContentModel"/> scores a (user, job) pair. Defaults are <c>content_rec_anchor.py</c>'s hand-set weights,
/// the ones <c>eval recommend</c> measured (HR@10 0.364, NDCG@10 0.219 on the job-views split; ML README).
/// </summary>
public sealed record ContentModelOptions
{
    /// <summary>Added when the job is in a state the user looked at or lives in. Default 0.5.</summary>
    [Range(0, 100)]
    public double StateWeight { get; init; } = 0.5;

    /// <summary>Added (on top of the state bonus) when the job is in such a city. Default 0.5.</summary>
    [Range(0, 100)]
    public double CityWeight { get; init; } = 0.5;
}
