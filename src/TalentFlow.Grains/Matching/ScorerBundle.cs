using System.Security.Cryptography;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains;

/// <summary>
/// Reads the folder <c>talentflow train scorer</c> writes: the baseline and the encoder it fitted on the training texts and
/// the scorer trained on their features — one consistent set, served together.
/// </summary>
internal static class ScorerBundle
{
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

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
}
