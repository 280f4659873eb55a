using System.Text.RegularExpressions;

namespace TalentFlow.ML.Parsing;

/// <summary>
/// Reads positions from an experience section (or, without one, the whole text). A position is anchored on its date range
/// (<see cref="DateRanges"/>); its title and company come from the rest of that line and from up to two short "header"
/// lines next to it — before the dates when the section's first range has such lines before it ("Title" / "Company" /
/// "Jan 2019 – Present"), after them when the section opens with a range ("June 2013" / "to" / "March 2016" /
/// "Company City, ST Title"), the two layouts pdftotext gives for resumes whose dates sit in a column of their own. A range
/// split over lines is joined first. Which part is the title and which the company: "Title at Company"; else a part with a
/// company word (Inc, Ltd, Bank, University, …) is the company and one with a role word (engineer, manager, clerk, …) the
/// title; else the first part is the title, the next the company. A location ("Austin, TX") separates parts and is dropped.
/// </summary>
internal static partial class ExperienceReader
{
    /// <summary>More than this many positions held at once is not a career but a misreading (or a list of projects).</summary>
    internal const int MaxConcurrentPositions = 3;

    /// <summary>A span longer than this is a misread range.</summary>
    internal const int MaxYearsInOnePosition = 45;

    /// <summary>Doubt: the title or company holds digits or brackets (a date fragment or a stray parenthesis left over).</summary>
    internal const string DoubtLeftovers = "title or company holds digits or brackets";

    /// <summary>Doubt: the end is before the start.</summary>
    internal const string DoubtEndBeforeStart = "end before start";

    /// <summary>Doubt: a date after today.</summary>
    internal const string DoubtFuture = "date in the future";

    /// <summary>Doubt: a span longer than <see cref="MaxYearsInOnePosition"/> years.</summary>
    internal const string DoubtTooLong = "span too long";

    /// <summary>Doubt: more than <see cref="MaxConcurrentPositions"/> positions overlap.</summary>
    internal const string DoubtOverlap = "overlaps too many other positions";

    /// <summary>Doubt: a position without dates.</summary>
    internal const string DoubtNoDates = "no dates";

    public static List<WorkExperienceItem> Read(string section, bool headed, DateOnly today)
    {
        var lines = JoinSplitRanges([.. section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        // A range inside a sentence ("Helped the manager during turnover from May 2013 - July 2013.") dates an achievement,
        // not a position.
        var ranges = lines.Select(l => DateRanges.Find(l) is { } r && !IsSentence(l[..r.Span.Start] + " " + l[r.Span.End..]) ? r : (DateRange?)null).ToArray();
        var dated = Enumerable.Range(0, lines.Count).Where(i => ranges[i] is not null).ToArray();
        if (dated.Length == 0)
        {
            return headed ? Undated(lines) : [];
        }

        // The section's layout, read from its first position: header lines before the dates, or after them.
        bool before = dated[0] > 0 && IsHeaderLike(lines[dated[0] - 1]);
        var headerStart = new int[dated.Length];
        var headerEnd = new int[dated.Length];
        for (int k = 0; k < dated.Length; k++)
        {
            int d = dated[k];
            if (before)
            {
                int floor = Math.Max(k == 0 ? 0 : dated[k - 1] + 1, d - 2), j = d;
                while (j - 1 >= floor && IsHeaderLike(lines[j - 1])) j--;
                (headerStart[k], headerEnd[k]) = (j, d);
            }
            else
            {
                int ceiling = Math.Min(k + 1 < dated.Length ? dated[k + 1] : lines.Count, d + 3), j = d + 1;
                while (j < ceiling && IsHeaderLike(lines[j])) j++;
                (headerStart[k], headerEnd[k]) = (d + 1, j);
            }
        }

        var items = new List<WorkExperienceItem>();
        for (int k = 0; k < dated.Length; k++)
        {
            int d = dated[k];
            var range = ranges[d]!.Value;
            var line = lines[d];
            var rest = line[..range.Span.Start] + " | " + line[range.Span.End..];
            var parts = new List<string>();
            var header = Enumerable.Range(headerStart[k], headerEnd[k] - headerStart[k]).Select(i => lines[i]).ToList();
            foreach (var text in before ? [.. header, rest] : (IEnumerable<string>)[rest, .. header])
            {
                parts.AddRange(Parts(text));
            }

            var (title, company) = TitleAndCompany(parts);
            // The description: the date line, the header lines after it (layout "after"), then everything up to the next
            // position's first line.
            int descriptionStart = before ? d + 1 : headerStart[k];
            int descriptionEnd = k + 1 < dated.Length ? (before ? headerStart[k + 1] : dated[k + 1]) : lines.Count;
            var description = new List<string> { line };
            description.AddRange(lines.Skip(descriptionStart).Take(Math.Max(0, descriptionEnd - descriptionStart)));
            var doubts = new List<string>(4);
            if ((title is not null && Leftovers(title)) || (company is not null && Leftovers(company))) doubts.Add(DoubtLeftovers);
            if (range.EndBeforeStart) doubts.Add(DoubtEndBeforeStart);
            if (range.Start > today || range.End > today.AddMonths(1)) doubts.Add(DoubtFuture);
            if (((range.End ?? today).Year - range.Start.Year) > MaxYearsInOnePosition) doubts.Add(DoubtTooLong);
            items.Add(new WorkExperienceItem(company, title, string.Join('\n', description), range.Start, range.End, 0) { Doubts = doubts });
        }

        // A resume that lists its history twice (an "Experience" and a "Work History" section, both read as experience) names
        // each position twice: one position, not two held at once.
        items = [.. items.DistinctBy(i => (i.Title?.ToUpperInvariant(), i.Company?.ToUpperInvariant(), i.Start, i.End))];
        MarkOverlaps(items, today);
        return [.. items.Select(i => i with { Confidence = Confidence(i) })];
    }

    /// <summary>
    /// 0.4 for the dates + 0.3 for a title + 0.3 for a company, then × 0.6 for leftovers in them, × 0.3 when the end is before
    /// the start, × 0.5 for a future date, a span over 45 years or more than three positions at once; without dates
    /// (0.3 title + 0.3 company) × 0.5.
    /// </summary>
    private static double Confidence(WorkExperienceItem item)
    {
        double c = (item.Start is null ? 0 : 0.4) + (item.Title is null ? 0 : 0.3) + (item.Company is null ? 0 : 0.3);
        foreach (var doubt in item.Doubts)
        {
            c *= doubt switch
            {
                DoubtLeftovers => 0.6,
                DoubtEndBeforeStart => 0.3,
                _ => 0.5,
            };
        }

        return Math.Round(c, 2);
    }

    /// <summary>
    /// Joins a range pdftotext split over lines: "June 2013" / "to" / "March 2016 …", "June 2013 to" / "Current", "June 2013"
    /// / "– Present".
    /// </summary>
    private static List<string> JoinSplitRanges(List<string> lines)
    {
        var joined = new List<string>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (DateRanges.IsLoneDate(line) && DateRanges.Find(line) is null)
            {
                if (i + 2 < lines.Count && DateRanges.IsConnector(lines[i + 1]) && DateRanges.StartsWithDateOrOpenEnd(lines[i + 2])
                    && DateRanges.Find(line + " " + lines[i + 1] + " " + lines[i + 2]) is not null)
                {
                    joined.Add(line + " " + lines[i + 1] + " " + lines[i + 2]);
                    i += 2;
                    continue;
                }

                if (i + 1 < lines.Count && DateRanges.StartsWithDateOrOpenEnd(lines[i + 1]) && DateRanges.Find(line + " " + lines[i + 1]) is { } r
                    && r.Span.Start.Value == 0 && r.Span.End.Value > line.Length + 1)
                {
                    joined.Add(line + " " + lines[i + 1]);
                    i++;
                    continue;
                }
            }

            joined.Add(line);
        }

        return joined;
    }

    /// <summary>An experience section without any dates: short lines naming a role ("Barista at Northwind") are positions.</summary>
    private static List<WorkExperienceItem> Undated(List<string> lines)
    {
        var items = new List<WorkExperienceItem>();
        foreach (var line in lines.Where(l => IsHeaderLike(l) && TitleWordRegex().IsMatch(l)))
        {
            var (title, company) = TitleAndCompany([.. Parts(line)]);
            if (title is null) continue;
            var item = new WorkExperienceItem(company, title, line, null, null, 0) { Doubts = [DoubtNoDates] };
            items.Add(item with { Confidence = Confidence(item) });
        }

        return items;
    }

    /// <summary>Marks every position during which more than <see cref="MaxConcurrentPositions"/> positions were held at once.</summary>
    private static void MarkOverlaps(List<WorkExperienceItem> items, DateOnly today)
    {
        var spans = items.Select(i => i.Start is { } s && !i.Doubts.Contains(DoubtEndBeforeStart) ? (Start: s, End: i.End ?? today) : ((DateOnly Start, DateOnly End)?)null).ToArray();
        // The most positions held at once during a span is reached at some position's start inside it, so counting the
        // positions held at each start once keeps this quadratic (a pasted text with thousands of dates stays fast).
        var held = spans.Select(p => p is { } x ? spans.Count(y => y is { } s && s.Start <= x.Start && x.Start <= s.End) : 0).ToArray();
        for (int a = 0; a < items.Count; a++)
        {
            if (spans[a] is not { } x) continue;
            int most = 0;
            for (int b = 0; b < spans.Length; b++)
            {
                if (spans[b] is { } s && s.Start >= x.Start && s.Start <= x.End) most = Math.Max(most, held[b]);
            }

            if (most > MaxConcurrentPositions) items[a] = items[a] with { Doubts = [.. items[a].Doubts, DoubtOverlap] };
        }
    }

    /// <summary>A title or company line: short, not a bullet, not a sentence, no dates.</summary>
    internal static bool IsHeaderLike(string line)
    {
        if (line.Length is 0 or > 90 || !line.Any(char.IsLetter) || "•·*▪►●○◦✓-–—>".Contains(line[0], StringComparison.Ordinal))
        {
            return false;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 12 || SectionParser.TryHeading(line, out _, out _) || DateRanges.Find(line) is not null)
        {
            return false;
        }

        // A sentence ends with a full stop; a company may end with "Inc." or "Co.".
        return !line.EndsWith(':') && (!line.EndsWith('.') || CompanyWordRegex().IsMatch(words[^1])) && !IsSentence(line);
    }

    /// <summary>Six words or more, at least half of them starting in lower case: prose, where titles and names are capitalised.</summary>
    private static bool IsSentence(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToArray();
        return words.Length >= 6 && words.Count(w => char.IsLower(w[0])) * 2 >= words.Length;
    }

    private static IEnumerable<string> Parts(string text)
    {
        text = LocationRegex().Replace(text, " | ");
        text = EmptyBracketsRegex().Replace(text, " ");
        foreach (var part in SeparatorRegex().Split(text))
        {
            var p = part.Trim(' ', ',', '|', '-', '–', '—', ':', ';', '/');
            p = BalanceBrackets(p);
            if (p.Any(char.IsLetter)) yield return p;
        }
    }

    /// <summary>Drops a bracket left without its partner at either end ("Fabrikam (" → "Fabrikam").</summary>
    private static string BalanceBrackets(string p)
    {
        while (p.Length > 0 && (p[^1] is '(' or '[' || (p[^1] is ')' or ']' && !p.Contains(p[^1] == ')' ? '(' : '[', StringComparison.Ordinal))))
        {
            p = p[..^1].TrimEnd();
        }

        while (p.Length > 0 && (p[0] is ')' or ']' || (p[0] is '(' or '[' && !p.Contains(p[0] == '(' ? ')' : ']', StringComparison.Ordinal))))
        {
            p = p[1..].TrimStart();
        }

        return p;
    }

    private static (string? Title, string? Company) TitleAndCompany(List<string> parts)
    {
        string? title = null, company = null;
        foreach (var part in parts)
        {
            var at = AtRegex().Match(part);
            if (at.Success && title is null && company is null)
            {
                (title, company) = (part[..at.Index].Trim(), part[(at.Index + at.Length)..].Trim(' ', ',', '.'));
            }
        }

        var rest = parts.Where(p => !AtRegex().IsMatch(p)).ToList();
        if (title is null && rest.FirstOrDefault(p => TitleWordRegex().IsMatch(p)) is { } t)
        {
            title = t;
            rest.Remove(t);
        }

        if (company is null && rest.FirstOrDefault(p => CompanyWordRegex().IsMatch(p)) is { } c)
        {
            company = c;
            rest.Remove(c);
        }

        title ??= rest.Count > 0 ? rest[0] : null;
        if (title is not null) rest.Remove(title);
        company ??= rest.Count > 0 ? rest[0] : null;
        return (title is { Length: > 0 } ? title : null, company is { Length: > 0 } ? company : null);
    }

    private static bool Leftovers(string text) => text.Any(ch => char.IsAsciiDigit(ch) || ch is '(' or ')' or '[' or ']');

    [GeneratedRegex(@"\s+(?:at|@)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AtRegex();

    // Besides the usual separators: "ï¼" (optionally folded to "ï1⁄4") and an invisible character is a full-width punctuation
    // mark (UTF-8 EF BC xx) read as Latin-1 with its last byte lost, which resumes rendered from mis-decoded HTML carry.
    [GeneratedRegex(@"\s+[|–—·•｜]\s+|\s+-\s+|\s*\|\s*|[,，]\s*|\t|\s{2,}|\s*ï(?:¼|1⁄4)[\u200B\p{Cf}\u0080-\u009F]?\s*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SeparatorRegex();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmptyBracketsRegex();

    // "City, ST" with a US state (or the word "State" resume templates print): one capitalised word as the city, so the
    // company before it keeps its words; a two-word city leaves its first word on the company.
    [GeneratedRegex(@"\b[A-Z][\w.'-]*\s*,\s*(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|State)\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LocationRegex();

    [GeneratedRegex(@"\b(?:engineer|developer|manager|analyst|accountant|director|specialist|consultant|assistant|intern|officer|lead|coordinator|administrator|designer|teacher|nurse|technician|representative|supervisor|associate|clerk|architect|scientist|advocate|agent|executive|president|head|owner|founder|programmer|tester|trainee|editor|writer|attorney|lawyer|paralegal|chef|cook|cashier|advisor|adviser|auditor|controller|bookkeeper|instructor|professor|lecturer|researcher|therapist|pharmacist|physician|mechanic|driver|operator|planner|buyer|purchaser|expeditor|recruiter|strategist|producer|artist|photographer|receptionist|secretary|server|barista|bartender|volunteer|principal|vp|ceo|cto|cfo|coo|drafter|teller|apprentice|fellow)s?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitleWordRegex();

    [GeneratedRegex(@"\b(?:inc|llc|llp|ltd|limited|corp|corporation|company|co|gmbh|ag|plc|group|bank|technologies|solutions|systems|services|university|college|school|hospital|clinic|agency|department|associates|consulting|labs?|studios?|airlines?|foundation|institute|holdings|enterprises|industries|international|software|pharmaceuticals?|firm)\b\.?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CompanyWordRegex();
}
