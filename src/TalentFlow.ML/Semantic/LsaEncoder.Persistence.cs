using System.Text.Json;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <content>The versioned artifact (<see cref="EncoderArtifactWriter"/>'s layout).</content>
public sealed partial class LsaEncoder
{
    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    internal const string FormatName = "talentflow.encoder.lsa";

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        using var artifact = new EncoderArtifactWriter(stream, FormatName, FormatVersion, VersionId);
        var json = artifact.Json;
        json.WriteStartObject("options");
        json.WriteNumber("dimensions", Options.Dimensions);
        json.WriteNumber("oversampling", Options.Oversampling);
        json.WriteNumber("power_iterations", Options.PowerIterations);
        json.WriteNumber("seed", Options.Seed);
        var t = _tfidf.Options;
        json.WriteStartObject("tfidf");
        if (t.MaxFeatures is { } max) json.WriteNumber("max_features", max);
        json.WriteNumber("ngram_min", t.NGramMin);
        json.WriteNumber("ngram_max", t.NGramMax);
        json.WriteBoolean("english_stop_words", t.EnglishStopWords);
        json.WriteBoolean("lowercase", t.Lowercase);
        json.WriteBoolean("smooth_idf", t.SmoothIdf);
        json.WriteBoolean("sublinear_tf", t.SublinearTf);
        json.WriteBoolean("l2_normalize", t.L2Normalize);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNumber("dimension", Dimension);
        artifact.Strings("terms", _tfidf.Terms);
        artifact.Tensor("idf", _tfidf.Idf, _tfidf.Terms.Count);
        artifact.Tensor("singular_values", _singularValues, Dimension);
        artifact.Tensor("projection", _projection, _tfidf.Terms.Count, Dimension);
    }

    /// <summary>Reads an artifact written by <see cref="Save"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static LsaEncoder Load(Stream stream)
    {
        using var document = EncoderArtifactReader.Parse(stream);
        return Read(document.RootElement);
    }

    internal static LsaEncoder Read(JsonElement root) => EncoderArtifactReader.Guard(FormatName, () =>
    {
        using var artifact = new EncoderArtifactReader(root, FormatName, FormatVersion);
        var o = root.GetProperty("options");
        var t = o.GetProperty("tfidf");
        var tfidfOptions = new TfidfOptions
        {
            MaxFeatures = t.TryGetProperty("max_features", out var max) ? max.GetInt32() : null,
            NGramMin = t.GetProperty("ngram_min").GetInt32(),
            NGramMax = t.GetProperty("ngram_max").GetInt32(),
            EnglishStopWords = t.GetProperty("english_stop_words").GetBoolean(),
            Lowercase = t.GetProperty("lowercase").GetBoolean(),
            SmoothIdf = t.GetProperty("smooth_idf").GetBoolean(),
            SublinearTf = t.GetProperty("sublinear_tf").GetBoolean(),
            L2Normalize = t.GetProperty("l2_normalize").GetBoolean(),
        };
        tfidfOptions.Validate();
        var options = new LsaOptions
        {
            Dimensions = o.GetProperty("dimensions").GetInt32(),
            Oversampling = o.GetProperty("oversampling").GetInt32(),
            PowerIterations = o.GetProperty("power_iterations").GetInt32(),
            Seed = o.GetProperty("seed").GetInt32(),
            Tfidf = tfidfOptions,
        };
        options.Validate(documents: 2);
        int dimension = root.GetProperty("dimension").GetInt32();
        if (dimension < 1 || dimension > options.Dimensions) throw EncoderArtifactReader.Corrupt($"Dimension {dimension} is outside 1–{options.Dimensions}.");
        var terms = artifact.Strings("terms");
        if (terms.Length < 2 || terms.Distinct(StringComparer.Ordinal).Count() != terms.Length) throw EncoderArtifactReader.Corrupt("The term list is too short or repeats a term.");
        var idf = artifact.Float64("idf", terms.Length);
        var singular = artifact.Float64("singular_values", dimension);
        var projection = artifact.Float32("projection", terms.Length, dimension);
        var encoder = new LsaEncoder(options, new TfidfModel(tfidfOptions, terms, idf), projection, dimension, singular);
        artifact.Verify(encoder.VersionId);
        return encoder;
    });
}
