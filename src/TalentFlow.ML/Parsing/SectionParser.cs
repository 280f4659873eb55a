using System.Collections.Frozen;
using System.Text;

namespace TalentFlow.ML.Parsing;

/// <summary>
/// Splits resume or job text into sections by heading detection: a short line (at most five words) that is a known heading,
/// optionally followed by ':' and inline content ("Skills: Python, SQL"). Text before the first heading is the summary.
/// </summary>
public static class SectionParser
{
    private static readonly FrozenDictionary<string, SectionKind> Headings = new Dictionary<string, SectionKind>
    {
        ["summary"] = SectionKind.Summary, ["professional summary"] = SectionKind.Summary, ["profile"] = SectionKind.Summary,
        ["objective"] = SectionKind.Summary, ["career objective"] = SectionKind.Summary, ["about me"] = SectionKind.Summary,
        ["career summary"] = SectionKind.Summary, ["professional profile"] = SectionKind.Summary, ["overview"] = SectionKind.Summary,
        ["skills"] = SectionKind.Skills, ["technical skills"] = SectionKind.Skills, ["key skills"] = SectionKind.Skills,
        ["core competencies"] = SectionKind.Skills, ["competencies"] = SectionKind.Skills, ["skill set"] = SectionKind.Skills,
        ["skills summary"] = SectionKind.Skills, ["technologies"] = SectionKind.Skills, ["technical proficiencies"] = SectionKind.Skills,
        ["requirements"] = SectionKind.Skills, ["required skills"] = SectionKind.Skills, ["qualifications required"] = SectionKind.Skills,
        ["preferred skills"] = SectionKind.Skills, ["what you bring"] = SectionKind.Skills, ["skill details"] = SectionKind.Skills,
        ["experience"] = SectionKind.Experience, ["work experience"] = SectionKind.Experience,
        ["professional experience"] = SectionKind.Experience, ["employment history"] = SectionKind.Experience,
        ["work history"] = SectionKind.Experience, ["employment"] = SectionKind.Experience, ["career history"] = SectionKind.Experience,
        ["experience details"] = SectionKind.Experience, ["responsibilities"] = SectionKind.Experience,
        ["what you will do"] = SectionKind.Experience, ["company details"] = SectionKind.Experience,
        ["education"] = SectionKind.Education, ["education details"] = SectionKind.Education,
        ["academic background"] = SectionKind.Education, ["academic qualifications"] = SectionKind.Education,
        ["qualifications"] = SectionKind.Education, ["educational qualifications"] = SectionKind.Education,
        ["education and training"] = SectionKind.Education,
        ["projects"] = SectionKind.Projects, ["personal projects"] = SectionKind.Projects, ["key projects"] = SectionKind.Projects,
        ["academic projects"] = SectionKind.Projects,
        ["certifications"] = SectionKind.Certifications, ["certification"] = SectionKind.Certifications,
        ["certificates"] = SectionKind.Certifications, ["licenses"] = SectionKind.Certifications,
        ["licenses and certifications"] = SectionKind.Certifications, ["licences"] = SectionKind.Certifications,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sections found, each with its text (lines joined by newlines); absent sections are absent.</summary>
    public static IReadOnlyDictionary<SectionKind, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builders = new Dictionary<SectionKind, StringBuilder>();
        var current = SectionKind.Summary;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (TryHeading(line, out var kind, out var rest))
            {
                current = kind;
                line = rest;
                if (line.Length == 0)
                {
                    continue;
                }
            }

            var sb = builders.TryGetValue(current, out var existing) ? existing : builders[current] = new StringBuilder();
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(line);
        }

        return builders.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    /// <summary>Recognises "Heading", "HEADING:", "Heading: inline content" and bullets or numbering before it.</summary>
    internal static bool TryHeading(string line, out SectionKind kind, out string rest)
    {
        kind = default;
        rest = string.Empty;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var head = (colon >= 0 ? line[..colon] : line).Trim().TrimStart('•', '-', '*', '#', '=', '>', ' ').TrimEnd('-', '=', ' ');
        if (head.Length == 0 || head.Length > 40 || head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 5)
        {
            return false;
        }

        head = string.Join(' ', head.Replace("&", " and ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!Headings.TryGetValue(head, out kind))
        {
            return false;
        }

        rest = colon >= 0 ? line[(colon + 1)..].Trim() : string.Empty;
        return true;
    }
}
