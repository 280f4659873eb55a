using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentFlow.ML.Parsing;

/// <summary>A date range found in a line.</summary>
/// <param name="Start">First month.</param>
/// <param name="End">Last month; null when open ("present", "to date", "since 2020").</param>
/// <param name="Span">Where the range (with its brackets, "from"/"since") stands in the line.</param>
/// <param name="EndBeforeStart">True when the end as written is before the start (kept, but doubtful).</param>
internal readonly record struct DateRange(DateOnly Start, DateOnly? End, Range Span, bool EndBeforeStart);

/// <summary>
/// Finds date ranges: month names ("Jan 2018", "Jan. 2018", "January, 2018"), numeric months either side of the year
/// ("03/2019", "3.2019", "2019-03", "2018/01"), bare years; joined by "-", "–", "—", "to", "until", "till", "through"; open
/// ends "present", "current(ly)", "now", "today", "(to|till) date", "ongoing"; and "since 2020" alone. Brackets around the
/// range belong to it, so "Fabrikam (2019-03 - 2020-12)" leaves "Fabrikam". A month word must be a month: "Engineer 2019"
/// is the year 2019 and the title keeps its word.
/// </summary>
internal static partial class DateRanges
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The first range in <paramref name="line"/>, or null.</summary>
    public static DateRange? Find(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var m = RangeRegex().Match(line);
        if (m.Success && Date(m, "s") is { } start)
        {
            DateOnly? end = m.Groups["now"].Success ? null : Date(m, "e");
            if (m.Groups["now"].Success || end is not null)
            {
                return new DateRange(start, end, m.Index..(m.Index + m.Length), end is { } e && e < start);
            }
        }

        var since = SinceRegex().Match(line);
        return since.Success && Date(since, "s") is { } from
            ? new DateRange(from, null, since.Index..(since.Index + since.Length), false)
            : null;
    }

    /// <summary>True when <paramref name="line"/> is one date and nothing else ("June 2013", "03/2019"): half of a range split over lines.</summary>
    public static bool IsLoneDate(string line) => LoneDateRegex().IsMatch(line);

    /// <summary>True when <paramref name="line"/> is only a range connector ("to", "-", "–").</summary>
    public static bool IsConnector(string line) => ConnectorRegex().IsMatch(line);

    /// <summary>True when <paramref name="line"/> starts with a date or an open end ("Current", "Present").</summary>
    public static bool StartsWithDateOrOpenEnd(string line) => LeadingDateRegex().IsMatch(line);

    private static DateOnly? Date(Match m, string prefix)
    {
        var year = m.Groups[prefix + "y"];
        var yearFirst = m.Groups[prefix + "Y"];
        var yearText = year.Success ? year.Value : yearFirst.Value;
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1950 || y > 2100)
        {
            return null;
        }

        int month = 1;
        if (m.Groups[prefix + "n"].Success)
        {
            month = Array.IndexOf(Months, m.Groups[prefix + "n"].Value[..3].ToLowerInvariant()) + 1;
        }
        else if (m.Groups[prefix + "m"].Success || m.Groups[prefix + "M"].Success)
        {
            month = int.Parse(m.Groups[prefix + "m"].Success ? m.Groups[prefix + "m"].Value : m.Groups[prefix + "M"].Value, CultureInfo.InvariantCulture);
        }

        return month is >= 1 and <= 12 ? new DateOnly(y, month, 1) : null;
    }

    // A date is a month name + year, month/year, year-month, or a bare year. Year-month comes before the bare year so that
    // "2019-03" is March 2019, not 2019 followed by "-03"; its month must end the number ("2019-2020" is two years).
    private const string MonthName = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    private const string OpenEnd = @"(?<now>present|current(?:ly)?|now|today|ongoing|(?:to|till|til)\s+date|date)\b";

    // Besides dashes and words: full-width dashes, and "ï¼" (or "ï1⁄4" once ¼ is folded) with an invisible character — a
    // full-width dash (UTF-8 EF BC 8D) read as Latin-1 with its last byte lost, as resumes rendered from mis-decoded HTML have.
    private const string Connector = @"(?:-+|–|—|~|－|～|〜|ï(?:¼|1⁄4)[\u200B\p{Cf}\u0080-\u009F]?|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)";

    [GeneratedRegex(@"[(\[]?\s*(?:\bfrom\s+)?(?<![\w/.-])" + "(?:(?:(?<sn>" + MonthName + @")\.?,?\s*(?<sy>(?:19|20)\d{2})|(?<sm>0?[1-9]|1[0-2])\s?[/.-]\s?(?<sy>(?:19|20)\d{2})|(?<sY>(?:19|20)\d{2})[/.-](?<sM>0?[1-9]|1[0-2])(?!\d)|(?<sy>(?:19|20)\d{2}))(?!\d))"
        + @"\s*" + Connector + @"\s*(?:" + OpenEnd + "|(?:(?:(?<en>" + MonthName + @")\.?,?\s*(?<ey>(?:19|20)\d{2})|(?<em>0?[1-9]|1[0-2])\s?[/.-]\s?(?<ey>(?:19|20)\d{2})|(?<eY>(?:19|20)\d{2})[/.-](?<eM>0?[1-9]|1[0-2])(?!\d)|(?<ey>(?:19|20)\d{2}))(?!\d)))\s*[)\]]?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RangeRegex();

    [GeneratedRegex(@"[(\[]?\s*\b(?:since|from)\s+(?:(?<sn>" + MonthName + @")\.?,?\s*(?<sy>(?:19|20)\d{2})|(?<sm>0?[1-9]|1[0-2])\s?[/.-]\s?(?<sy>(?:19|20)\d{2})|(?<sY>(?:19|20)\d{2})[/.-](?<sM>0?[1-9]|1[0-2])(?!\d)|(?<sy>(?:19|20)\d{2}))(?!\d)\s*[)\]]?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SinceRegex();

    [GeneratedRegex(@"^[(\[]?\s*(?:(?:" + MonthName + @")\.?,?\s*(?:19|20)\d{2}|(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:19|20)\d{2}|(?:19|20)\d{2}[/.-](?:0?[1-9]|1[0-2])|(?:19|20)\d{2})\s*" + Connector + @"?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LoneDateRegex();

    [GeneratedRegex(@"^\s*" + Connector + @"\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ConnectorRegex();

    [GeneratedRegex(@"^\s*" + Connector + @"?\s*(?:" + OpenEnd + "|(?:" + MonthName + @")\.?,?\s*(?:19|20)\d{2}|(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:19|20)\d{2}|(?:19|20)\d{2})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LeadingDateRegex();
}
