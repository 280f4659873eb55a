using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentFlow.ML.Parsing;

/// <summary>Finds date ranges such as "Jan 2018 – Present", "2015-2020", "03/2019 to 11/2021".</summary>
internal static partial class DateRanges
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static (DateOnly Start, DateOnly? End, Range Span)? Find(string line)
    {
        var m = RangeRegex().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var start = Parse(m.Groups["sm"].Value, m.Groups["sy"].Value);
        DateOnly? end = m.Groups["now"].Success ? null : Parse(m.Groups["em"].Value, m.Groups["ey"].Value);
        if (start is null || (end is { } e && e < start.Value))
        {
            return null;
        }

        return (start.Value, end, m.Index..(m.Index + m.Length));
    }

    private static DateOnly? Parse(string month, string year)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1950 || y > 2100)
        {
            return null;
        }

        var mo = 1;
        if (month.Length > 0)
        {
            mo = int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? Math.Clamp(n, 1, 12)
                : Array.IndexOf(Months, month[..3].ToLowerInvariant()) + 1;
        }

        return new DateOnly(y, Math.Max(1, mo), 1);
    }

    [GeneratedRegex(@"(?:(?<sm>[A-Za-z]{3,9}|\d{1,2})[\s/.,-]*)?(?<sy>(?:19|20)\d{2})\s*(?:-|–|—|to|until|till)\s*(?:(?<now>present|current|now|today|date)|(?:(?<em>[A-Za-z]{3,9}|\d{1,2})[\s/.,-]*)?(?<ey>(?:19|20)\d{2}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RangeRegex();
}
