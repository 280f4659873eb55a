using System.Text.Json;

namespace TalentFlow.ML.Tfidf;

/// <summary>Writes and reads a <see cref="TfidfModel"/> as JSON: options, terms in column order, idf.</summary>
internal static class TfidfModelJson
{
    public static void Write(Utf8JsonWriter writer, TfidfModel model)
    {
        var o = model.Options;
        writer.WriteStartObject();
        writer.WriteStartObject("options");
        if (o.MaxFeatures is { } max)
        {
            writer.WriteNumber("max_features", max);
        }

        writer.WriteNumber("ngram_min", o.NGramMin);
        writer.WriteNumber("ngram_max", o.NGramMax);
        writer.WriteBoolean("english_stop_words", o.EnglishStopWords);
        writer.WriteBoolean("lowercase", o.Lowercase);
        writer.WriteBoolean("smooth_idf", o.SmoothIdf);
        writer.WriteBoolean("sublinear_tf", o.SublinearTf);
        writer.WriteBoolean("l2_normalize", o.L2Normalize);
        writer.WriteEndObject();
        writer.WriteStartArray("terms");
        foreach (var term in model.Terms)
        {
            writer.WriteStringValue(term);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("idf");
        foreach (var idf in model.Idf)
        {
            writer.WriteNumberValue(idf);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static TfidfModel Read(JsonElement e)
    {
        var o = e.GetProperty("options");
        var options = new TfidfOptions
        {
            MaxFeatures = o.TryGetProperty("max_features", out var max) ? max.GetInt32() : null,
            NGramMin = o.GetProperty("ngram_min").GetInt32(),
            NGramMax = o.GetProperty("ngram_max").GetInt32(),
            EnglishStopWords = o.GetProperty("english_stop_words").GetBoolean(),
            Lowercase = o.GetProperty("lowercase").GetBoolean(),
            SmoothIdf = o.GetProperty("smooth_idf").GetBoolean(),
            SublinearTf = o.GetProperty("sublinear_tf").GetBoolean(),
            L2Normalize = o.GetProperty("l2_normalize").GetBoolean(),
        };
        options.Validate();
        var terms = e.GetProperty("terms").EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray();
        var idf = e.GetProperty("idf").EnumerateArray().Select(t => t.GetDouble()).ToArray();
        if (terms.Length != idf.Length || terms.Length == 0)
        {
            throw new InvalidDataException("A TF-IDF model needs as many idf values as terms, at least one.");
        }

        return new TfidfModel(options, terms, idf);
    }
}
