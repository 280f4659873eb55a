using System.IO.Compression;
using System.Security.Cryptography;
using TalentFlow.Contracts.Matching;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// Reads the folder <c>talentflow train scorer</c> writes: the baseline and the encoder it fitted on the training texts and
/// the scorer trained on their features — one consistent set, served together. The registry's <c>semantic_scorer</c>
/// artifact is the same three files in one zip archive (<see cref="ReadArchive"/>).
/// </summary>
internal static class ScorerBundle
{
    /// <summary>The largest file an archive may unpack to: 1 GiB (a zip bomb is refused, not unpacked).</summary>
    private const long MaxEntryBytes = 1L << 30;

    public const string BaselineFile = "baseline_model.json";
    public const string EncoderFile = "encoder.json";
    public const string ScorerFile = "scorer.json";

    /// <summary>The first file the folder lacks, or null when it is complete.</summary>
    public static string? Missing(string directory)
    {
        foreach (var file in (string[])[BaselineFile, EncoderFile, ScorerFile])
        {
            if (!File.Exists(Path.Combine(directory, file))) return file;
        }
        return null;
    }

    public static MatchingModels Load(string directory, MatchingOptions options)
    {
        var baseline = LoadBaseline(Path.Combine(directory, BaselineFile));
        IEmbeddedEncoder encoder;
        using (var stream = File.OpenRead(Path.Combine(directory, EncoderFile))) encoder = EmbeddedEncoder.Load(stream);
        byte[] scorerBytes = File.ReadAllBytes(Path.Combine(directory, ScorerFile));
        MatchScorer scorer;
        using (var stream = new MemoryStream(scorerBytes, writable: false)) scorer = MatchScorer.Load(stream);
        var models = new MatchingModels(baseline, new SemanticModel(encoder), options.RetainedVersions);
        models.PublishScorer(new ScorerModel(
            "scorer-" + Hash(scorerBytes), scorer, new MatchFeatureExtractor(baseline.Matcher, encoder), baseline.Version, encoder.VersionId,
            options.ShortlistProbability));
        return models;
    }

    /// <summary>A saved baseline; the content names the version, so the same file on every silo gives the same version.</summary>
    public static BaselineModel LoadBaseline(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes, writable: false);
        return new BaselineModel("file-" + Hash(bytes), BaselineMatcher.Load(stream));
    }

    /// <summary>
    /// Reads a <c>semantic_scorer</c> artifact: a zip archive holding <see cref="BaselineFile"/>, <see cref="EncoderFile"/> and
    /// <see cref="ScorerFile"/> (at its root or in one folder, e.g. <c>zip -j scorer.zip models/scorer/*</c>). The baseline is
    /// named by its content (<c>file-</c> + hash) as when a silo loads the folder, so every silo names it alike.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a zip archive, a file missing or twice, or a file too large.</exception>
    public static ScorerArchive ReadArchive(string version, byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            string name = entry.Name;
            if (name is not (BaselineFile or EncoderFile or ScorerFile)) continue;
            if (entry.Length > MaxEntryBytes) throw new InvalidDataException($"{name} unpacks to {entry.Length:N0} bytes; the limit is {MaxEntryBytes:N0}.");
            if (files.ContainsKey(name)) throw new InvalidDataException($"The archive holds {name} twice.");
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            files[name] = buffer.ToArray();
        }
        foreach (var file in (string[])[BaselineFile, EncoderFile, ScorerFile])
        {
            if (!files.ContainsKey(file)) throw new InvalidDataException($"The archive has no {file} (it must hold {BaselineFile}, {EncoderFile} and {ScorerFile}).");
        }
        BaselineMatcher matcher;
        using (var stream = new MemoryStream(files[BaselineFile], writable: false)) matcher = BaselineMatcher.Load(stream);
        IEmbeddedEncoder encoder;
        using (var stream = new MemoryStream(files[EncoderFile], writable: false)) encoder = EmbeddedEncoder.Load(stream);
        MatchScorer scorer;
        using (var stream = new MemoryStream(files[ScorerFile], writable: false)) scorer = MatchScorer.Load(stream);
        return new ScorerArchive(version, new BaselineModel("file-" + Hash(files[BaselineFile]), matcher), encoder, scorer);
    }

    /// <summary>The served scorer of an archive, deciding at <paramref name="shortlistProbability"/>.</summary>
    public static ScorerModel Serve(ScorerArchive archive, double shortlistProbability) =>
        new(archive.Version, archive.Scorer, new MatchFeatureExtractor(archive.Baseline.Matcher, archive.Encoder), archive.Baseline.Version,
            archive.Encoder.VersionId, shortlistProbability);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
}

/// <summary>A <c>semantic_scorer</c> version as read from its archive: the scorer and the baseline and encoder it was trained with.</summary>
/// <param name="Version">The registry version (the scorer's name in <see cref="CandidateMatch.ModelVersions"/>).</param>
/// <param name="Baseline">The baseline it was trained with; served with it.</param>
/// <param name="Encoder">The encoder its semantic features come from.</param>
/// <param name="Scorer">The calibrated scorer.</param>
internal sealed record ScorerArchive(string Version, BaselineModel Baseline, IEmbeddedEncoder Encoder, MatchScorer Scorer);
