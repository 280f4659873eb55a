using System.Text.Json;
using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// Makes and loads the embedded encoders by kind, so callers (the silos, the CLI, the model registry) choose by name and
/// read either artifact without knowing which one it holds.
/// </summary>
public static class EmbeddedEncoder
{
    /// <summary>
    /// The kind chosen by held-out evaluation (src/TalentFlow.ML/README.md, "Semantic: the embedded encoder"); the silos'
    /// and the CLI's <c>embedded</c> default.
    /// </summary>
    public const EmbeddedEncoderKind DefaultKind = EmbeddedEncoderKind.Lsa;

    /// <summary>
    /// Fits an encoder of <paramref name="kind"/> on <paramref name="documents"/> with that kind's default options, the given
    /// <paramref name="seed"/> and, when given, <paramref name="dimensions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Too few documents or words to learn from, or an unknown kind.</exception>
    public static IEmbeddedEncoder Fit(IReadOnlyList<string> documents, EmbeddedEncoderKind kind = DefaultKind, int seed = 0, int? dimensions = null,
        CancellationToken cancellationToken = default) => kind switch
    {
        EmbeddedEncoderKind.Lsa => LsaEncoder.Fit(documents, dimensions is { } d ? new LsaOptions { Seed = seed, Dimensions = d } : new LsaOptions { Seed = seed }),
        EmbeddedEncoderKind.Subword => SubwordEncoder.Fit(documents,
            dimensions is { } d ? new SubwordOptions { Seed = seed, Dimensions = d } : new SubwordOptions { Seed = seed }, cancellationToken),
        _ => throw new ArgumentException($"Unknown embedded encoder kind {kind}.", nameof(kind)),
    };

    /// <summary>Reads an artifact written by <see cref="IEmbeddedEncoder.Save"/> of either kind.</summary>
    /// <exception cref="EncoderArtifactException">Not an encoder artifact, damaged, or of a version this build does not read.</exception>
    public static IEmbeddedEncoder Load(Stream stream)
    {
        var json = ModelArtifact.ReadAll(stream).ToArray();
        return EncoderArtifacts.Guard<IEmbeddedEncoder>("encoder", () => ModelArtifact.PeekFormat(json).Format switch
        {
            SubwordEncoder.FormatName => SubwordEncoder.FromArtifact(ModelArtifact.Read(json, EncoderArtifactJson.Default.SubwordArtifact, SubwordEncoder.FormatName)),
            _ => LsaEncoder.FromArtifact(ModelArtifact.Read(json, EncoderArtifactJson.Default.LsaArtifact, LsaEncoder.FormatName, SubwordEncoder.FormatName)),
        });
    }

    /// <summary>Reads an encoder artifact nested in another (a career model's).</summary>
    internal static IEmbeddedEncoder Read(JsonElement root) => ModelArtifact.FormatOf(root) switch
    {
        SubwordEncoder.FormatName => SubwordEncoder.FromArtifact(ModelArtifact.Read(root, EncoderArtifactJson.Default.SubwordArtifact, SubwordEncoder.FormatName)),
        _ => LsaEncoder.FromArtifact(ModelArtifact.Read(root, EncoderArtifactJson.Default.LsaArtifact, LsaEncoder.FormatName, SubwordEncoder.FormatName)),
    };

    /// <summary>The encoder's artifact as a JSON element, to nest in another artifact.</summary>
    internal static JsonElement ToElement(IEmbeddedEncoder encoder) => encoder switch
    {
        LsaEncoder lsa => ModelArtifact.ToElement(lsa.ToArtifact(), EncoderArtifactJson.Default.LsaArtifact),
        SubwordEncoder subword => ModelArtifact.ToElement(subword.ToArtifact(), EncoderArtifactJson.Default.SubwordArtifact),
        _ => throw new ArgumentException($"Cannot nest a {encoder.GetType().Name}.", nameof(encoder)),
    };

    /// <summary>The kind named <paramref name="name"/> (<c>lsa</c>, <c>subword</c>, or <c>embedded</c> for <see cref="DefaultKind"/>), case-insensitive.</summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static EmbeddedEncoderKind ParseKind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "embedded" => DefaultKind,
            "lsa" => EmbeddedEncoderKind.Lsa,
            "subword" => EmbeddedEncoderKind.Subword,
            _ => throw new ArgumentException($"Unknown embedded encoder '{name}': embedded, lsa or subword.", nameof(name)),
        };
    }
}
