using System.Numerics.Tensors;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// Training <c>semantic_encoder</c> on a silo without a tunable MiniLM (the LSA fallback; through <see cref="TextPairTraining"/>):
/// an <see cref="EmbeddedEncoder"/> (128 dimensions, seed 0) fitted on the training pairs' texts; the gate compares its
/// resume–job cosine with production's encoder (chance when the silo has none). The encoder's own version id names the version.
/// </summary>
internal sealed class EmbeddedEncoderTraining(MatchingModels models) : ITextPairFitter
{
    /// <inheritdoc />
    public string Model => MatchingModels.EncoderModelName;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["algorithm"] = "embedded encoder", ["kind"] = EmbeddedEncoder.DefaultKind.ToString().ToLowerInvariant(), ["dimensions"] = "128", ["seed"] = "0",
    };

    /// <inheritdoc />
    public TextPairModel Fit(string[] trainTexts, string jobKey)
    {
        var encoder = EmbeddedEncoder.Fit(trainTexts, EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 128);
        using var stream = new MemoryStream();
        encoder.Save(stream);
        // The encoder's own version id names the registry version: every silo that loads the bytes derives the same one.
        return new TextPairModel(encoder.VersionId, stream.ToArray(), pairs => CosinesAsync(encoder, pairs), ProductionCosinesAsync);
    }

    /// <summary>Without a production encoder every pair scores alike: chance.</summary>
    private Task<double[]> ProductionCosinesAsync(IReadOnlyList<VerdictPair> pairs) =>
        models.Encoder is { } production ? CosinesAsync(production.Encoder, pairs) : Task.FromResult(new double[pairs.Count]);

    private static async Task<double[]> CosinesAsync(IEncoder encoder, IReadOnlyList<VerdictPair> pairs)
    {
        var resumes = await encoder.EmbedAsync([.. pairs.Select(s => s.Resume)]).ConfigureAwait(true);
        var jobs = await encoder.EmbedAsync([.. pairs.Select(s => s.Job)]).ConfigureAwait(true);
        return [.. resumes.Select((resume, i) => (double)TensorPrimitives.Dot(resume, jobs[i]))];
    }
}
