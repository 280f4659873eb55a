using TalentFlow.ML.Encoders;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// A <see cref="ScreeningModel"/> served: its own feature space (<see cref="ScreeningModel.CreateFeatures"/>), its per-job
/// offsets, its calibrated default threshold. The registry version is the model's content-hash version.
/// </summary>
public sealed class ScreeningModelScorer : ScreeningScorer, IDisposable
{
    private readonly string? _version;
    private IDisposable? _encoderLease;

    /// <summary>
    /// Serves <paramref name="model"/> (with the reviewers' prototypes <paramref name="layer"/> of a trained version, whose
    /// artifact names <paramref name="version"/>); <paramref name="encoder"/> is used only when the model was trained with it.
    /// </summary>
    /// <exception cref="ScreeningModelException">The model needs an encoder this silo does not have.</exception>
    public ScreeningModelScorer(ScreeningModel model, IEncoder? encoder = null, ReviewerPrototypes? layer = null, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Layer = layer;
        _version = version;
        var used = model.EncoderVersion is not null && encoder?.VersionId == model.EncoderVersion ? encoder : null;
        // A model trained with a fine-tuned encoder keeps that encoder's session open while the model is served, even after
        // the silo moved to another encoder version (else every screening would rebuild it).
        try
        {
            _encoderLease = (used as TalentFlow.ML.Onnx.OnnxSentenceEncoder)?.Lease();
        }
        catch (ObjectDisposedException)
        {
            // Let go of meanwhile: a rebuilt encoder reopens per call, still correct.
        }
        Features = model.CreateFeatures(used);
    }

    /// <summary>Ends this model's hold on its encoder's session (the silo stopped retaining the model).</summary>
    public void Dispose() => Interlocked.Exchange(ref _encoderLease, null)?.Dispose();

    /// <summary>The base model (global logistic + per-job offsets).</summary>
    public ScreeningModel Model { get; }

    /// <summary>The reviewers' prototypes on top of it, for a version the learning loop trained; null for a plain model.</summary>
    public ReviewerPrototypes? Layer { get; }

    /// <summary>P(shortlist) of a pair's features and the resume's TF-IDF vector.</summary>
    public double ProbabilityOf(float[] features, TalentFlow.ML.Tfidf.SparseVector resumeText, string jobId) =>
        Layer is null ? Model.Probability(features, jobId) : Layer.Probability(Model.Logit(features, jobId), Layer.Feature(jobId, resumeText), jobId);

    /// <summary>Its feature extractor (the trainer computes the verdicts' features with production's).</summary>
    public ScreeningFeatures Features { get; }

    /// <inheritdoc />
    public override string Version => _version ?? Model.Version;

    /// <inheritdoc />
    public override double DefaultThreshold => Layer?.Threshold ?? Model.Threshold;

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
    public override double Probability(object job, object resume, string jobId)
    {
        var side = (ScreeningResumeSide)resume;
        return ProbabilityOf(Features.Combine((ScreeningJobSide)job, side), side.Text, jobId);
    }

    /// <inheritdoc />
    public override byte[] ToArtifact() => Layer is null ? Model.ToJsonBytes() : Layer.ToArtifact(Model);
}
