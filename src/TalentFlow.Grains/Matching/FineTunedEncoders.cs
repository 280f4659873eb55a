using Microsoft.Extensions.Logging;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// Fine-tuned versions of the silo's base ONNX encoder (all-MiniLM-L6-v2): the learning loop stores each as an
/// <see cref="EncoderDelta"/> (base SHA-256 + the tuned top layer's tensors), and every silo rebuilds the tuned model from its
/// own base file, so an 87 MB model never travels through grain storage. A silo whose base is not the delta's — another hash,
/// other serving settings, or the LSA fallback — refuses it with an error that says which, and keeps serving what it has.
/// </summary>
internal static class FineTunedEncoders
{
    /// <summary>
    /// The silo's base encoder when it is an ONNX model with a pinned SHA-256 (all-MiniLM-L6-v2 as the silo serves it by
    /// default): the one the learning loop fine-tunes. Null on the LSA fallback and for unpinned ONNX folders, which keep
    /// the embedded encoder's training.
    /// </summary>
    public static OnnxSentenceEncoder? TunableBase(MatchingModels models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return models.BaseEncoder?.Encoder is OnnxSentenceEncoder { ModelSha256: not null } onnx && onnx.Name == MiniLmModel.Name ? onnx : null;
    }

    /// <summary>
    /// The encoder <paramref name="delta"/> stands for on this silo: the base itself for a base delta, a retained one when
    /// this silo already built it, else the base with the delta applied (read, rebuilt and checked: a few seconds).
    /// </summary>
    /// <exception cref="InvalidOperationException">This silo's base encoder is not an ONNX model the delta can apply to (the LSA fallback).</exception>
    /// <exception cref="OnnxModelException">The delta was made on another base model or for other serving settings, or does not rebuild its model.</exception>
    public static SemanticModel Open(MatchingModels models, EncoderDelta delta, ILogger? logger = null) => OpenCore(models, delta, logger, out _);

    private static SemanticModel OpenCore(MatchingModels models, EncoderDelta delta, ILogger? logger, out bool built)
    {
        built = false;
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(delta);
        var baseModel = models.BaseEncoder;
        if (baseModel?.Encoder is not OnnxSentenceEncoder onnx)
        {
            throw new InvalidOperationException(
                $"Encoder {delta.ServedVersion} is a fine-tuned {delta.BaseName}, but this silo serves the {baseModel?.Version ?? "no"} encoder, "
                + $"not {delta.BaseName}: it cannot apply the delta (serve {delta.BaseName} with Matching:Encoder=minilm).");
        }

        if (delta.IsBase)
        {
            delta.CheckBase(onnx);
            return baseModel;
        }

        if (models.TryGetEncoder(delta.ServedVersion, out var known))
        {
            return known;
        }

        built = true;
        return new SemanticModel(delta.Apply(onnx, logger));
    }

    /// <summary>
    /// Serves <paramref name="delta"/> on this silo (<see cref="Open"/>, then <see cref="MatchingModels.PublishEncoder"/>). An
    /// encoder built here is handed to the models for good: they hold it while it is retained, and its session is freed once
    /// it is not and no call or other holder needs it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This silo's base encoder is not an ONNX model the delta can apply to.</exception>
    /// <exception cref="OnnxModelException">The delta does not fit this silo's base model or does not rebuild its model.</exception>
    public static SemanticModel Serve(MatchingModels models, EncoderDelta delta, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var served = OpenCore(models, delta, logger, out bool built);
        try
        {
            models.PublishEncoder(served);
        }
        finally
        {
            // The models took their own lease; the builder's hold ends here (on failure too, so nothing leaks).
            if (built && served.Encoder is IDisposable owned) owned.Dispose();
        }
        return served;
    }
}
