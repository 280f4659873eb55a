using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary><c>baseline_tfidf</c>: a <see cref="BaselineMatcher"/> saved by <c>talentflow train baseline</c> or by the learning loop.</summary>
internal sealed class BaselineModelKind : ModelKind<BaselineModel>
{
    public override string Name => MatchingModels.BaselineModelName;

    public override bool SupportsAbTest => true;

    protected override BaselineModel Read(string version, byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        return new BaselineModel(version, BaselineMatcher.Load(stream));
    }

    public override bool TryServeRetained(IServiceProvider services, string version)
    {
        var models = services.GetRequiredService<MatchingModels>();
        if (models.Current.Version == version) return true;
        if (!models.TryGet(version, out var known)) return false;
        models.Publish(known);
        return true;
    }

    protected override void Publish(IServiceProvider services, BaselineModel model) => services.GetRequiredService<MatchingModels>().Publish(model);

    /// <summary>The challenger baseline; the production scorer only where it was trained with that baseline (usually not).</summary>
    protected override ScoringArm Challenger(IServiceProvider services, BaselineModel model)
    {
        var scorer = services.GetRequiredService<MatchingModels>().Scorer;
        return new ScoringArm(model, scorer is not null && scorer.AppliesTo(model.Version) ? scorer : null);
    }
}

/// <summary>
/// <c>semantic_encoder</c>: either an embedded (LSA) encoder artifact, which names its own version, or — on silos serving
/// all-MiniLM-L6-v2 — an <see cref="EncoderDelta"/>: the base model's SHA-256 and the fine-tuned top layer's tensors, applied by
/// every silo to its own base model (<see cref="FineTunedEncoders"/>). A delta with no tensors is the base model itself, the
/// kind's first version on MiniLM silos, so a rollback always has a target. Publishing an encoder re-embeds the candidates
/// (<see cref="EncoderMigration"/>).
/// </summary>
internal sealed class SemanticEncoderModelKind : ModelKind<EncoderArtifact>
{
    public override string Name => MatchingModels.EncoderModelName;

    protected override EncoderArtifact Read(string version, byte[] artifact)
    {
        string named;
        EncoderArtifact read;
        if (EncoderDelta.IsDelta(artifact))
        {
            var delta = EncoderDelta.Read(artifact);
            (named, read) = (delta.ServedVersion, new EncoderArtifact(null, delta));
        }
        else
        {
            using var stream = new MemoryStream(artifact, writable: false);
            var encoder = EmbeddedEncoder.Load(stream);
            (named, read) = (encoder.VersionId, new EncoderArtifact(new SemanticModel(encoder), null));
        }
        if (named != version)
        {
            throw new ArgumentException($"The artifact holds encoder version '{named}'; register it under that version, not '{version}'.", nameof(version));
        }
        return read;
    }

    protected override bool IsArtifactError(Exception exception) => exception is EncoderArtifactException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version)
    {
        var models = services.GetRequiredService<MatchingModels>();
        if (models.Encoder?.Version == version) return true;
        // The base model (a rollback to it) is always at hand: no artifact to read, nothing to rebuild.
        var serve = models.TryGetEncoder(version, out var known) ? known : models.BaseEncoder?.Version == version ? models.BaseEncoder : null;
        if (serve is null) return false;
        models.PublishEncoder(serve);
        return true;
    }

    /// <summary>
    /// Serves the encoder; a delta is applied to this silo's base model first, and refused (the fan-out logs why, the silo
    /// keeps what it serves) when that base is not the delta's.
    /// </summary>
    protected override void Publish(IServiceProvider services, EncoderArtifact model)
    {
        var models = services.GetRequiredService<MatchingModels>();
        if (model.Embedded is { } embedded) models.PublishEncoder(embedded);
        else FineTunedEncoders.Serve(models, model.Delta!, services.GetService<ILoggerFactory>()?.CreateLogger<SemanticEncoderModelKind>());
    }
}

/// <summary>A <c>semantic_encoder</c> artifact as read: an embedded encoder, or a fine-tuned delta still to apply.</summary>
/// <param name="Embedded">The embedded (LSA) encoder, or null.</param>
/// <param name="Delta">The delta of a fine-tuned ONNX encoder (or of its base), or null.</param>
internal sealed record EncoderArtifact(SemanticModel? Embedded, EncoderDelta? Delta);

/// <summary>
/// <c>semantic_scorer</c>: the custom scorer with the baseline and encoder it was trained with, as one zip archive of the three
/// files <c>talentflow train scorer</c> writes (see <see cref="ScorerBundle.ReadArchive"/>). Serving it serves its baseline
/// too (the scorer only applies to pairs prepared with that baseline); the semantic encoder kind stays as it is.
/// </summary>
internal sealed class SemanticScorerModelKind : ModelKind<ScorerArchive>
{
    public override string Name => MatchingModels.ScorerModelName;

    public override bool SupportsAbTest => true;

    protected override ScorerArchive Read(string version, byte[] artifact) => ScorerBundle.ReadArchive(version, artifact);

    protected override bool IsArtifactError(Exception exception) => exception is EncoderArtifactException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version)
    {
        var models = services.GetRequiredService<MatchingModels>();
        return models.Scorer is { } scorer && scorer.Version == version && scorer.AppliesTo(models.Current.Version);
    }

    protected override void Publish(IServiceProvider services, ScorerArchive model)
    {
        var models = services.GetRequiredService<MatchingModels>();
        // The scorer first: until its baseline is current it does not apply, so no pair is scored with a mismatched pair of models.
        models.PublishScorer(ScorerBundle.Serve(model, ShortlistProbability(services)));
        models.Publish(model.Baseline);
    }

    protected override ScoringArm Challenger(IServiceProvider services, ScorerArchive model) =>
        new(model.Baseline, ScorerBundle.Serve(model, ShortlistProbability(services)));

    private static double ShortlistProbability(IServiceProvider services) => services.GetRequiredService<IOptions<MatchingOptions>>().Value.ShortlistProbability;
}
