using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Grains.Candidates;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// Silo-side view of a candidate: its matching features, for the job grain that scores it. Not for clients (features depend
/// on model internals); the candidate grain implements it beside <see cref="ICandidateGrain"/>.
/// </summary>
[Alias("TalentFlow.Grains.ICandidateFeaturesGrain")]
public interface ICandidateFeaturesGrain : IGrainWithStringKey
{
    /// <summary>
    /// The features in model <paramref name="modelVersion"/> when this silo has it, else in this silo's current version (the
    /// caller compares <see cref="CandidateFeatures.ModelVersion"/>); null when no resume is stored.
    /// </summary>
    [ReadOnly]
    [Alias("GetFeaturesAsync")]
    Task<CandidateFeatures?> GetFeaturesAsync(string modelVersion, CancellationToken cancellationToken = default);

    /// <summary>The normalised resume text (for trainers), or null.</summary>
    [ReadOnly]
    [Alias("GetTextAsync")]
    Task<string?> GetTextAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Embeds the resume with this silo's current encoder and registers it in the candidate's index shard (an encoder swap
    /// re-embeds candidates this way). Returns the encoder version registered, or null when there is no resume (the
    /// candidate is then removed from the shard) or no encoder.
    /// </summary>
    [Alias("RefreshEmbeddingAsync")]
    Task<string?> RefreshEmbeddingAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a screening or a review to the candidate's history.</summary>
    [Alias("RecordInteractionAsync")]
    Task RecordInteractionAsync(CandidateInteraction interaction, CancellationToken cancellationToken = default);
}

/// <summary>A candidate's prepared document in one model version, and its embedding.</summary>
/// <param name="ModelVersion">The baseline version that vectorized it.</param>
/// <param name="Document">Section vectors and skills.</param>
/// <param name="EncoderVersion">The encoder that made <paramref name="Embedding"/>; null when the silo has no encoder.</param>
/// <param name="Embedding">Unit-length embedding of the resume text.</param>
/// <param name="ScorerSide">The resume's half of the custom scorer's features, when this silo serves a scorer for this baseline version.</param>
public sealed record CandidateFeatures(
    string ModelVersion, PreparedDocument Document, string? EncoderVersion = null, float[]? Embedding = null, TalentFlow.ML.Scoring.ScorerSide? ScorerSide = null);
