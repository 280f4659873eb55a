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
        var experience = WorkExperience(sections.GetValueOrDefault(SectionKind.Experience) ?? text);
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

    private static List<WorkExperienceItem> WorkExperience(string section)
    {
        var items = new List<WorkExperienceItem>();
        string? company = null, title = null;
        DateOnly? start = null, end = null;
        var description = new List<string>();
        foreach (var line in section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateRanges.Find(line) is { } range)
            {
                Flush();
                start = range.Start;
                end = range.End;
                var rest = (line[..range.Span.Start] + " " + line[range.Span.End..]).Trim(' ', ',', '|', '-', '–', '(', ')');
                (title, company) = TitleAndCompany(rest);
                description.Add(line);
            }
            else if (start is not null)
            {
                description.Add(line);
            }
        }

        Flush();
        return items;

        void Flush()
        {
            if (start is null)
            {
                return;
            }

            var confidence = 0.4 + (title is null ? 0 : 0.3) + (company is null ? 0 : 0.3);
            items.Add(new WorkExperienceItem(company, title, string.Join('\n', description), start, end, confidence));
            description.Clear();
            start = null;
        }
    }

    private static (string? Title, string? Company) TitleAndCompany(string text)
    {
        if (text.Length == 0)
        {
            return (null, null);
        }

        var at = text.IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
        if (at > 0)
        {
            return (text[..at].Trim(), text[(at + 4)..].Trim(' ', ',', '.'));
        }

        var parts = Separators().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        return parts.Length >= 2 ? (parts[0], parts[1]) : (parts.FirstOrDefault(), null);
    }

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
        var ranges = items.Where(i => i.Start is not null)
            .Select(i => (Start: i.Start!.Value, End: i.End ?? now))
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

    [GeneratedRegex(@"\s+[|–—]\s+|\s+-\s+|,\s*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Separators();

    [GeneratedRegex(@"\b(?:Ph\.?\s?D\.?|Doctorate|Doctor of [A-Z]\w+|MBA|M\.?\s?Sc\.?|M\.?\s?Tech|M\.?\s?S\.?(?=\s)|M\.?\s?A\.?(?=\s)|Master(?:'s|s)?(?: of (?:Science|Arts|Engineering|Business Administration))?|B\.?\s?Sc\.?|B\.?\s?Tech|B\.?\s?E\.?(?=\s)|B\.?\s?Eng\.?|B\.?\s?S\.?(?=\s)|B\.?\s?A\.?(?=\s)|Bachelor(?:'s|s)?(?: of (?:Science|Arts|Engineering|Commerce))?|Associate(?:'s)? degree|Diploma|HSC|SSC)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DegreeRegex();

    [GeneratedRegex(@"\G\s*(?:degree\s+)?(?:in|of)\s+(?<field>[A-Za-z&][A-Za-z &]{2,60}?)(?=\s*(?:,|\||\(|-|–|\bfrom\b|\bat\b|$|\d))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FieldRegex();

    [GeneratedRegex(@"(?:[A-Z][\w.&'-]*\s+){0,5}(?:University|College|Institute|School|Academy|Polytechnic)(?:\s+(?:of|for)(?:\s+[A-Z][\w.&'-]*){1,4})?|\b(?:MIT|IIT\s?\w*|ETH Zurich|UCLA|NYU)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InstitutionRegex();
}
