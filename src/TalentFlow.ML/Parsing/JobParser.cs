using System.Globalization;
using System.Text.RegularExpressions;
using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Parsing;

/// <summary>Seniority a job asks for.</summary>
public enum ExperienceLevel
{
    /// <summary>Not stated.</summary>
    Unspecified,

    /// <summary>Intern, junior, entry level, graduate, or under two years.</summary>
    Entry,

    /// <summary>Two to four years.</summary>
    Mid,

    /// <summary>Senior, or five years and more.</summary>
    Senior,

    /// <summary>Lead, principal, staff, head, manager of engineers.</summary>
    Lead,
}

/// <summary>What a job description asks for.</summary>
/// <param name="Title">First line, when it looks like a title.</param>
/// <param name="RequiredSkills">Skills named outside "preferred / nice to have" lines.</param>
/// <param name="PreferredSkills">Skills named only on "preferred / nice to have / a plus" lines or sections.</param>
/// <param name="ExperienceLevel">From the wording, else from the years asked.</param>
/// <param name="MinYearsExperience">Smallest "N+ years" figure, when stated.</param>
/// <param name="EducationRequirement">First degree mentioned (e.g. "Bachelor's"), when stated.</param>
public sealed record ParsedJob(
    string? Title,
    IReadOnlyList<string> RequiredSkills,
    IReadOnlyList<string> PreferredSkills,
    ExperienceLevel ExperienceLevel,
    int? MinYearsExperience,
    string? EducationRequirement);

/// <summary>Parses job descriptions into <see cref="ParsedJob"/>.</summary>
public sealed partial class JobParser(SkillVocabulary? skills = null)
{
    private readonly SkillVocabulary _skills = skills ?? SkillVocabulary.Default;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public ParsedJob Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = lines.Length > 0 && lines[0].Length <= 80 && !lines[0].EndsWith('.') ? lines[0] : null;

        List<string> required = [], preferred = [];
        var inPreferredSection = false;
        foreach (var line in lines)
        {
            var isPreferred = PreferredRegex().IsMatch(line);
            if (line.Length <= 40 && line.TrimEnd(':').Split(' ').Length <= 5)
            {
                // A short "Nice to have" line opens a preferred section; another heading closes it.
                if (isPreferred)
                {
                    inPreferredSection = true;
                }
                else if (SectionParser.TryHeading(line, out _, out _))
                {
                    inPreferredSection = false;
                }
            }

            foreach (var skill in _skills.Find(line))
            {
                (isPreferred || inPreferredSection ? preferred : required).Add(skill);
            }
        }

        required = [.. required.Distinct(StringComparer.Ordinal)];
        preferred = [.. preferred.Distinct(StringComparer.Ordinal).Except(required, StringComparer.Ordinal)];

        int? years = YearsRegex().Matches(text).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture))
            .Where(n => n is > 0 and < 40).Cast<int?>().Min();
        var degree = DegreeRegex().Match(text);
        return new ParsedJob(title, required, preferred, Level(title ?? string.Empty, text, years), years,
            degree.Success ? Canonical(degree.Value) : null);
    }

    private static ExperienceLevel Level(string title, string text, int? years)
    {
        var scope = title.Length > 0 ? title : text;
        if (LeadRegex().IsMatch(scope)) return ExperienceLevel.Lead;
        if (SeniorRegex().IsMatch(scope)) return ExperienceLevel.Senior;
        if (EntryRegex().IsMatch(scope)) return ExperienceLevel.Entry;
        return years switch
        {
            null => ExperienceLevel.Unspecified,
            < 2 => ExperienceLevel.Entry,
            < 5 => ExperienceLevel.Mid,
            _ => ExperienceLevel.Senior,
        };
    }

    private static string Canonical(string degree) => degree.ToLowerInvariant() switch
    {
        var d when d.StartsWith("ph", StringComparison.Ordinal) || d.StartsWith("doctor", StringComparison.Ordinal) => "PhD",
        var d when d.StartsWith("master", StringComparison.Ordinal) || d.StartsWith("m", StringComparison.Ordinal) => "Master's",
        var d when d.StartsWith("associate", StringComparison.Ordinal) => "Associate's",
        _ => "Bachelor's",
    };

    [GeneratedRegex(@"\b(?:preferred|nice to have|nice-to-have|bonus|a plus|desirable|optional)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PreferredRegex();

    [GeneratedRegex(@"(?<n>\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex YearsRegex();

    [GeneratedRegex(@"\b(?:Ph\.?D|Doctorate|Master(?:'s|s)?|MSc|M\.S\.|MBA|Bachelor(?:'s|s)?|BSc|B\.S\.|B\.A\.|Associate(?:'s)? degree)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DegreeRegex();

    [GeneratedRegex(@"\b(?:lead|principal|staff|head of|director|architect)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LeadRegex();

    [GeneratedRegex(@"\b(?:senior|sr\.?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SeniorRegex();

    [GeneratedRegex(@"\b(?:junior|jr\.?|intern|internship|entry[- ]level|graduate|trainee)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EntryRegex();
}
