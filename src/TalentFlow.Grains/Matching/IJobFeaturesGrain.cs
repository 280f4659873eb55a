using Orleans;
using Orleans.Concurrency;

namespace TalentFlow.Grains.Matching;

/// <summary>Silo-side view of a job: its matching features, for a candidate grain that scores itself against it.</summary>
[Alias("TalentFlow.Grains.IJobFeaturesGrain")]
public interface IJobFeaturesGrain : IGrainWithStringKey
{
    /// <summary>
    /// The features in model <paramref name="modelVersion"/> (this silo's current one when it does not hold that version; the
    /// caller compares), with the embedding of <paramref name="encoderVersion"/> when this silo holds that encoder, and the
    /// posting's half of the features of scorer <paramref name="scorerVersion"/> when this silo holds it and it applies to
    /// that model version (null: the production scorer's, when it applies).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetFeaturesAsync")]
    Task<JobFeatures> GetFeaturesAsync(string modelVersion, string? encoderVersion, string? scorerVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Removes every screening result and verdict about <paramref name="candidateId"/> (the candidate was deleted).</summary>
    [Alias("ForgetCandidateAsync")]
    Task ForgetCandidateAsync(string candidateId, CancellationToken cancellationToken = default);
}
