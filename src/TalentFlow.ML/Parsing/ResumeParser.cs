using System.Text.RegularExpressions;
using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Parsing;

/// <summary>Turns resume text into seed 000's <c>parsed_data</c>: sections, positions, degrees, skills, years of experience.</summary>
public sealed partial class ResumeParser(SkillVocabulary? skills = null, TimeProvider? time = null)
{
    private readonly SkillVocabulary _skills = skills ?? SkillVocabulary.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Parses <paramref name="text"/> (normalized text, one line per line).</summary>
    public ParsedResume Parse(string text) => Parse(text, 1.0);

    /// <summary>
    /// Parses <paramref name="text"/>, whose extraction quality (0–1, e.g. <c>ExtractionQuality.Score</c>) scales the
    /// <see cref="ParsedResume.FieldConfidence"/>.
    /// </summary>
    public ParsedResume Parse(string text, double textQuality)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = SectionParser.Parse(text);
        var experience = WorkExperience(sections.GetValueOrDefault(SectionKind.Experience) ?? text, sections.ContainsKey(SectionKind.Experience));
        var education = Education(sections.GetValueOrDefault(SectionKind.Education) ?? text);
        var skillItems = new List<SkillItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, confidence) in new[] { (sections.GetValueOrDefault(SectionKind.Skills), 1.0), (text, 0.7) })
        {
            foreach (var skill in source is null ? [] : _skills.Find(source))
            {
                if (seen.Add(skill))
                {
                    skillItems.Add(new SkillItem(skill, confidence));
                }
            }
        }

        var parsed = new ParsedResume(text, sections, experience, education, skillItems, Years(experience));
        return parsed with { FieldConfidence = FieldConfidence.Of(parsed, textQuality) };
    }

    private List<WorkExperienceItem> WorkExperience(string section, bool headed) =>
        ExperienceReader.Read(section, headed, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));

    private static List<EducationItem> Education(string section)
    {
        var items = new List<EducationItem>();
        foreach (var line in section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var degree = DegreeRegex().Match(line);
            if (!degree.Success)
            {
                continue;
            }

            var field = FieldRegex().Match(line, degree.Index + degree.Length);
            var institution = InstitutionRegex().Match(line);
            var confidence = 0.5 + (field.Success ? 0.2 : 0) + (institution.Success ? 0.3 : 0);
            items.Add(new EducationItem(
                institution.Success ? institution.Value.Trim() : null,
                degree.Value.Trim(),
                field.Success ? field.Groups["field"].Value.Trim() : null,
                confidence));
        }

        return items;
    }

    private double Years(IReadOnlyList<WorkExperienceItem> items)
    {
        var now = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        // A range that ends before it starts or starts in the future is a misreading, not time worked; an end in the future
        // counts until today.
        var ranges = items.Where(i => i.Start is { } s && s <= now)
            .Select(i => (Start: i.Start!.Value, End: i.End is { } e && e < now ? e : now))
            .Where(r => r.End >= r.Start)
            .OrderBy(r => r.Start)
            .ToList();
        var months = 0;
        DateOnly? coveredUntil = null;
        foreach (var (start, end) in ranges)
        {
            var from = coveredUntil is { } c && c > start ? c : start;
            if (end > from)
            {
                months += (end.Year - from.Year) * 12 + end.Month - from.Month;
                coveredUntil = end;
            }
        }

        return Math.Round(months / 12.0, 1);
    }

    [GeneratedRegex(@"\b(?:Ph\.?\s?D\.?|Doctorate|Doctor of [A-Z]\w+|MBA|M\.?\s?Sc\.?|M\.?\s?Tech|M\.?\s?S\.?(?=\s)|M\.?\s?A\.?(?=\s)|Master(?:'s|s)?(?: of (?:Science|Arts|Engineering|Business Administration))?|B\.?\s?Sc\.?|B\.?\s?Tech|B\.?\s?E\.?(?=\s)|B\.?\s?Eng\.?|B\.?\s?S\.?(?=\s)|B\.?\s?A\.?(?=\s)|Bachelor(?:'s|s)?(?: of (?:Science|Arts|Engineering|Commerce))?|Associate(?:'s)? degree|Diploma|HSC|SSC)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DegreeRegex();

    [GeneratedRegex(@"\G\s*(?:degree\s+)?(?:in|of)\s+(?<field>[A-Za-z&][A-Za-z &]{2,60}?)(?=\s*(?:,|\||\(|-|–|\bfrom\b|\bat\b|$|\d))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FieldRegex();

    [GeneratedRegex(@"(?:[A-Z][\w.&'-]*\s+){0,5}(?:University|College|Institute|School|Academy|Polytechnic)(?:\s+(?:of|for)(?:\s+[A-Z][\w.&'-]*){1,4})?|\b(?:MIT|IIT\s?\w*|ETH Zurich|UCLA|NYU)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InstitutionRegex();
}
