using TalentFlow.ML.Encoders;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains;

/// <summary>
/// A <see cref="ScreeningModel"/> served: its own feature space (<see cref="ScreeningModel.CreateFeatures"/>), its per-job
/// offsets, its calibrated default threshold. The registry version is the model's content-hash version.
/// </summary>
public sealed class ScreeningModelScorer : ScreeningScorer
{
    /// <summary>Serves <paramref name="model"/>; <paramref name="encoder"/> is used only when the model was trained with it.</summary>
    /// <exception cref="ScreeningModelException">The model needs an encoder this silo does not have.</exception>
    public ScreeningModelScorer(ScreeningModel model, IEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Features = model.CreateFeatures(model.EncoderVersion is not null && encoder?.VersionId == model.EncoderVersion ? encoder : null);
    }

    /// <summary>The model.</summary>
    public ScreeningModel Model { get; }

    /// <summary>Its feature extractor (the trainer computes the verdicts' features with production's).</summary>
    public ScreeningFeatures Features { get; }

    /// <inheritdoc />
    public override string Version => Model.Version;

    /// <inheritdoc />
    public override double DefaultThreshold => Model.Threshold;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Metrics => Model.Metrics;

    /// <inheritdoc />
    public override string? DataFingerprint => Model.DataFingerprint;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["algorithm"] = "global logistic + per-job offsets (GLMix), Platt-calibrated",
        ["features"] = string.Join(",", Model.FeatureNames),
        ["job_effects"] = Model.JobEffects.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override async ValueTask<object> PrepareJobAsync(ScreeningJob job, CancellationToken cancellationToken) =>
        await Features.PrepareJobAsync(job, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask<object> PrepareResumeAsync(string resumeText, CancellationToken cancellationToken) =>
        await Features.PrepareResumeAsync(resumeText, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override double Probability(object job, object resume, string jobId) =>
        Model.Probability(Features.Combine((ScreeningJobSide)job, (ScreeningResumeSide)resume), jobId);

    /// <inheritdoc />
    public override byte[] ToArtifact() => Model.ToJsonBytes();
}
