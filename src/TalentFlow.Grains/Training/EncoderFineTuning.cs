using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Training;

/// <summary>One labelled pair of the learning loop: the candidate (the split's group), the resume and job texts, the verdict.</summary>
internal readonly record struct VerdictPair(string Candidate, string Resume, string Job, bool Positive);

/// <summary>What <see cref="EncoderFineTuning.RunAsync"/> produced: the delta and the held-out cosines of both encoders.</summary>
/// <param name="Delta">The tuned version as served by this silo's base (its <see cref="EncoderDelta.ServedVersion"/> is the registry version).</param>
/// <param name="Tuning">The fine-tuner's report (its own before/after on the held-out pairs at the training length).</param>
/// <param name="CandidateScores">Cosine of each held-out pair with the tuned encoder as silos serve it.</param>
/// <param name="ProductionScores">The same with production's encoder.</param>
internal sealed record EncoderFineTuningResult(EncoderDelta Delta, EncoderFineTuneResult Tuning, double[] CandidateScores, double[] ProductionScores)
{
    /// <summary>The registry version training started from (production's tuned one), or null when it started from the base.</summary>
    public string? StartedFrom { get; init; }
}

/// <summary>
/// The learning loop's training of <c>semantic_encoder</c> on a silo serving all-MiniLM-L6-v2: fine-tunes the top layer(s)
/// of the silo's base model on the training verdicts (<see cref="IEncoderFineTuner"/>: the C# trainer here; a TorchSharp or
/// CUDA one would plug in the same way), then scores the held-out verdicts with the tuned model exactly as silos will serve
/// it (the delta applied to the base on ONNX Runtime, 256 tokens) and with production's encoder, for the promotion gate.
/// When production is itself a fine-tuned version, the run starts from production's tuned weights (what reviewers already
/// approved), so each version refines the last instead of starting over; the new delta is still expressed against the
/// pinned float32 base (every tuned tensor, relative to the base's SHA-256), so any silo applies it without its parent, and
/// a rollback to any earlier version or to the base needs nothing else.
/// </summary>
internal sealed class EncoderFineTuning(IEncoderFineTuner tuner, EncoderTrainingOptions options, ILogger logger)
{
    /// <summary>Fine-tunes on <paramref name="train"/>, evaluates on <paramref name="test"/> against <paramref name="production"/>.</summary>
    /// <exception cref="FineTuneException">The fine-tuner refused the data or the settings.</exception>
    public async Task<EncoderFineTuningResult> RunAsync(OnnxSentenceEncoder baseEncoder, IEncoder production,
        IReadOnlyList<VerdictPair> train, IReadOnlyList<VerdictPair> test, CancellationToken cancellationToken)
    {
        var start = StartFrom(baseEncoder, production);
        var request = new EncoderFineTuneRequest(Pairs(train), Pairs(test), OutputDirectory: null)
        {
            BaseModelDirectory = Path.GetDirectoryName(baseEncoder.ModelPath),
            Options = options.ToFineTuneOptions(train.Count),
            StartFrom = start,
        };
        var tuning = await tuner.FineTuneAsync(request, cancellationToken).ConfigureAwait(false);
        var delta = (tuning.Delta ?? throw new InvalidOperationException($"Fine-tuner {tuner.Name} returned no delta.")).ServedBy(baseEncoder);
        // Rebuilding the tuned model reads and rewrites 87 MB: off the grain's scheduler.
        using var candidate = await Task.Run(() => delta.Apply(baseEncoder, logger), cancellationToken).ConfigureAwait(false);
        var candidateScores = await CosinesAsync(candidate, test, cancellationToken).ConfigureAwait(false);
        var productionScores = await CosinesAsync(production, test, cancellationToken).ConfigureAwait(false);
        return new EncoderFineTuningResult(delta, tuning, candidateScores, productionScores) { StartedFrom = start?.ServedVersion };
    }

    /// <summary>
    /// Production's tuned delta when production is a fine-tuned version of <paramref name="baseEncoder"/>'s model (rebuilt from
    /// a delta on this silo); null when production is the base, an embedded encoder, or a version of another base.
    /// </summary>
    internal static EncoderDelta? StartFrom(OnnxSentenceEncoder baseEncoder, IEncoder production) =>
        production is OnnxSentenceEncoder { Delta: { IsBase: false } delta } && delta.BaseSha256 == baseEncoder.ModelSha256 ? delta : null;

    private static TextPair[] Pairs(IReadOnlyList<VerdictPair> pairs) => [.. pairs.Select(p => new TextPair(p.Resume, p.Job, p.Positive ? 1 : 0))];

    private static async Task<double[]> CosinesAsync(IEncoder encoder, IReadOnlyList<VerdictPair> pairs, CancellationToken cancellationToken)
    {
        var resumes = await encoder.EmbedAsync([.. pairs.Select(s => s.Resume)], cancellationToken).ConfigureAwait(false);
        var jobs = await encoder.EmbedAsync([.. pairs.Select(s => s.Job)], cancellationToken).ConfigureAwait(false);
        var cosines = new double[pairs.Count];
        for (int i = 0; i < cosines.Length; i++) cosines[i] = TensorPrimitives.Dot(resumes[i], jobs[i]);
        return cosines;
    }
}
