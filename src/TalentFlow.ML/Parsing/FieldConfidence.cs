using System.Text.RegularExpressions;

namespace TalentFlow.ML.Parsing;

/// <summary>
/// How sure the parser is of each field of a <see cref="ParsedResume"/>, 0–1, rounded to two decimals. Each field's value
/// comes from where it was found and how much supports it, then is multiplied by the extraction quality (1 for typed text;
/// <c>ExtractionQuality.Score</c> for documents: lower when some tokens were garbled or columns had to be reordered):
/// <list type="table">
/// <item><term><c>sections</c></term><description>recognised headings other than the summary: none 0.2, then 0.3 + 0.2 per heading, at most 1.</description></item>
/// <item><term><c>skills</c></term><description>mean skill confidence (1 under a skills heading, 0.7 found elsewhere) × support min(1, 0.5 + 0.1 per skill); none 0.</description></item>
/// <item><term><c>experience</c></term><description>mean position confidence (dates, title, company, lowered by each doubt: see <see cref="WorkExperienceItem.Doubts"/>) × 1 under an experience heading, 0.8 inferred from the whole text; none 0.</description></item>
/// <item><term><c>experience_years</c></term><description>dated positions d, of which b with a doubtful date (end before start, future, span over 45 years, more than three at once): min(1, 0.6 + 0.2·d) × the same heading factor × (1 − 0.5·b/d); none 0.</description></item>
/// <item><term><c>education</c></term><description>mean degree confidence (degree, field, institution) × 1 under an education heading, 0.8 otherwise; none 0.</description></item>
/// <item><term><c>contact</c></term><description>an e-mail address and a phone number (9–15 digits, so a date range is not one) 1, e-mail only 0.9, phone only 0.6, neither 0 (the values themselves are not kept).</description></item>
/// </list>
/// </summary>
public static partial class FieldConfidence
{
    /// <summary>The field names, as the API returns them.</summary>
    public const string Sections = "sections", Skills = "skills", Experience = "experience", ExperienceYears = "experience_years",
        Education = "education", Contact = "contact";

    /// <summary>The confidence of each field of <paramref name="parsed"/>.</summary>
    /// <param name="parsed">The parse, without confidences yet.</param>
    /// <param name="textQuality">The extraction quality, 0–1 (1 for typed text).</param>
    public static IReadOnlyDictionary<string, double> Of(ParsedResume parsed, double textQuality = 1.0)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        textQuality = Math.Clamp(textQuality, 0, 1);
        var headings = parsed.Sections.Keys.Count(k => k != SectionKind.Summary);
        double Heading(SectionKind kind) => parsed.Sections.ContainsKey(kind) ? 1.0 : 0.8;
        var dated = parsed.WorkExperience.Count(w => w.Start is not null);
        // Years summed from misread ranges are wrong however many there are: the share of dated positions with a doubtful date
        // takes up to half of the confidence away.
        var doubtfulDates = parsed.WorkExperience.Count(w => w.Start is not null && w.Doubts.Any(d => d is not ExperienceReader.DoubtLeftovers));
        var email = EmailRegex().IsMatch(parsed.RawText);
        var phone = PhoneRegex().Matches(parsed.RawText).Any(m => m.Value.Count(char.IsAsciiDigit) is >= 9 and <= 15);
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Sections] = headings == 0 ? 0.2 : Math.Min(1, 0.3 + 0.2 * headings),
            [Skills] = parsed.Skills.Count == 0 ? 0 : parsed.Skills.Average(s => s.Confidence) * Math.Min(1, 0.5 + 0.1 * parsed.Skills.Count),
            [Experience] = parsed.WorkExperience.Count == 0 ? 0 : parsed.WorkExperience.Average(w => w.Confidence) * Heading(SectionKind.Experience),
            [ExperienceYears] = dated == 0 ? 0 : Math.Min(1, 0.6 + 0.2 * dated) * Heading(SectionKind.Experience) * (1 - 0.5 * doubtfulDates / dated),
            [Education] = parsed.Education.Count == 0 ? 0 : parsed.Education.Average(e => e.Confidence) * Heading(SectionKind.Education),
            [Contact] = (email, phone) switch { (true, true) => 1, (true, false) => 0.9, (false, true) => 0.6, _ => 0 },
        };
        foreach (var key in values.Keys.ToList())
        {
            values[key] = Math.Round(values[key] * textQuality, 2);
        }

        return values;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\w-])\+?\(?\d[\d ().-]{7,}\d(?![\w-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhoneRegex();
}
