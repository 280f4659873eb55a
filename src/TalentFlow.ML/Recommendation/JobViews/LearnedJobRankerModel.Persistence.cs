using System.Text.Json;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <content>The versioned artifact: one small JSON document.</content>
public sealed partial class LearnedJobRankerModel
{
    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    /// <summary>The artifact's <c>format</c> value.</summary>
    public const string FormatName = "talentflow.job-ranker";

    /// <summary>
    /// Writes <c>{format, version, candidates, state_weight, city_weight, bias, features: [{name, mean, scale, weight}],
    /// metrics}</c>. Doubles are written round-trip exact.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("candidates", Candidates);
        writer.WriteNumber("state_weight", StateWeight);
        writer.WriteNumber("city_weight", CityWeight);
        writer.WriteNumber("bias", Bias);
        writer.WriteStartArray("features");
        for (var f = 0; f < FeatureNames.Count; f++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", FeatureNames[f]);
            writer.WriteNumber("mean", Means[f]);
            writer.WriteNumber("scale", Scales[f]);
            writer.WriteNumber("weight", Weights[f]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in Metrics)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumber(name, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads an artifact written by <see cref="Save"/>; throws <see cref="JobRankerArtifactException"/> on anything else.</summary>
    public static LearnedJobRankerModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName)
            {
                throw new JobRankerArtifactException(JobRankerArtifactError.Corrupt, $"Not a {FormatName} artifact.");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != FormatVersion)
            {
                throw new JobRankerArtifactException(
                    JobRankerArtifactError.UnsupportedVersion, $"{FormatName} version {version} is not supported; this build reads version {FormatVersion}.");
            }

            var features = root.GetProperty("features");
            var count = features.GetArrayLength();
            var names = new string[count];
            double[] means = new double[count], scales = new double[count], weights = new double[count];
            var f = 0;
            foreach (var feature in features.EnumerateArray())
            {
                names[f] = feature.GetProperty("name").GetString() ?? throw new FormatException("A feature has a null name.");
                means[f] = feature.GetProperty("mean").GetDouble();
                scales[f] = feature.GetProperty("scale").GetDouble();
                weights[f] = feature.GetProperty("weight").GetDouble();
                f++;
            }

            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var metric in root.GetProperty("metrics").EnumerateObject())
            {
                metrics[metric.Name] = metric.Value.GetDouble();
            }

            return new LearnedJobRankerModel(names, means, scales, weights, root.GetProperty("bias").GetDouble(),
                root.GetProperty("candidates").GetInt32(), root.GetProperty("state_weight").GetDouble(), root.GetProperty("city_weight").GetDouble(), metrics);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new JobRankerArtifactException(JobRankerArtifactError.Corrupt, $"Not a valid {FormatName} artifact: {e.Message}", e);
        }
    }
}
