using System.Text.Json;
using TalentFlow.ML.Skills;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Matching;

/// <content>Saving and loading the fitted matcher as one JSON document.</content>
public sealed partial class BaselineMatcher
{
    private const string Format = "talentflow.baseline-matcher/1";

    /// <summary>Writes weights, thresholds and the three section vectorizers.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("skills_weight", Options.SkillsWeight);
        writer.WriteNumber("experience_weight", Options.ExperienceWeight);
        writer.WriteNumber("education_weight", Options.EducationWeight);
        writer.WriteNumber("min_score_threshold", Options.MinScore);
        writer.WriteNumber("max_score_threshold", Options.MaxScore);
        writer.WriteNumber("shortlist_threshold", Options.ShortlistThreshold);
        writer.WriteStartObject("vectorizers");
        for (var s = 0; s < Scored.Length; s++)
        {
            writer.WritePropertyName(Name(Scored[s]));
            TfidfModelJson.Write(writer, _models[s]);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads a matcher written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static BaselineMatcher Load(Stream stream, SkillVocabulary? skills = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new InvalidDataException($"Not a {Format} document.");
            }

            var options = new BaselineMatcherOptions
            {
                SkillsWeight = root.GetProperty("skills_weight").GetDouble(),
                ExperienceWeight = root.GetProperty("experience_weight").GetDouble(),
                EducationWeight = root.GetProperty("education_weight").GetDouble(),
                MinScore = root.GetProperty("min_score_threshold").GetDouble(),
                MaxScore = root.GetProperty("max_score_threshold").GetDouble(),
                ShortlistThreshold = root.GetProperty("shortlist_threshold").GetDouble(),
            };
            var vectorizers = root.GetProperty("vectorizers");
            var models = Scored.Select(s => TfidfModelJson.Read(vectorizers.GetProperty(Name(s)))).ToArray();
            return new BaselineMatcher(options with { Tfidf = models[0].Options }, models, skills ?? SkillVocabulary.Default);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Not a valid baseline matcher model: {e.Message}", e);
        }
    }
}
