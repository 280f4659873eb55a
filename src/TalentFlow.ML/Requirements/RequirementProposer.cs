using System.Globalization;
using System.Text.RegularExpressions;
using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Requirements;

/// <summary>
/// Proposes a job's requirements from its posting, for the recruiter to edit. Rules, in order, per line of the description:
/// <list type="number">
/// <item>A heading (a short line, ≤ 6 words, optionally ending in <c>:</c>) opens a section: "Requirements", "Must have",
/// "(Minimum/Basic/Required) qualifications", "What you bring", "You have", … → must-have; "Nice to have", "Preferred
/// (qualifications)", "Bonus (points)", "Plus(es)", "Desirable" → nice-to-have; any other heading ("Responsibilities",
/// "Benefits", "About us") closes it.</item>
/// <item>A line (bullets and numbering stripped) that speaks of work authorisation ("authorized/eligible to work", "right to
/// work", "work permit", "visa sponsorship is not available"), a security clearance, a background check, or a licence or
/// certification that is required ("must hold/have … licence", "… certification required", "licensed …") is a knockout,
/// wherever it stands.</item>
/// <item>A line in a must-have section is a must-have, unless it says "preferred", "nice to have", "a plus", "bonus" or
/// "desirable" (then nice-to-have); a line in a nice-to-have section is a nice-to-have.</item>
/// <item>A heading with its items on the same line ("Nice to have: REST APIs, PostgreSQL, microservices") gives those items that
/// heading's kind — one each when they are a list of short items (≤ 4 words), else the whole text; the section goes on. An
/// other heading with its text on one line ("Location: Austin") is not an item and closes the section.</item>
/// <item>Outside any such section, a line that asks for a minimum of experience ("minimum/at least N years", "N+ years") is a
/// must-have — not a knockout: years are read from resumes too unreliably to reject on.</item>
/// <item>When no line was taken, the skills <see cref="JobParser"/> finds become items: required skills must-have,
/// preferred ones nice-to-have, and the minimum years (when stated) a must-have.</item>
/// </list>
/// Texts over <see cref="RequirementLimits.MaxTextLength"/> keep their first sentence; at most
/// <see cref="RequirementLimits.MaxCount"/> items are proposed; duplicates (same text, any case) are dropped. Weights are
/// <see cref="RequirementKinds.DefaultWeight"/>; ids <c>req-1</c>, <c>req-2</c>, … in order.
/// </summary>
public sealed partial class RequirementProposer(JobParser? parser = null)
{
    private readonly JobParser _parser = parser ?? new JobParser();

    /// <summary>Proposes requirements for a posting of <paramref name="description"/>.</summary>
    public IReadOnlyList<Requirement> Propose(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var items = new List<(RequirementKind Kind, string Text)>();
        RequirementKind? section = null;
        foreach (string raw in description.Split('\n'))
        {
            string line = Item(raw);
            if (line.Length == 0) continue;
            if (IsHeading(raw.Trim(), line))
            {
                section = MustHeadingRegex().IsMatch(line) ? RequirementKind.MustHave
                    : NiceHeadingRegex().IsMatch(line) ? RequirementKind.NiceToHave
                    : null;
                continue;
            }
            if (InlineHeadingRegex().Match(line) is { Success: true } inline && InlineKind(inline.Groups["head"].Value.Trim()) is { } inlineKind)
            {
                // "Nice to have: REST APIs, PostgreSQL" — a heading and its items on one line; the section around it goes on.
                foreach (var part in ListItems(inline.Groups["body"].Value)) items.Add((KnockoutRegex().IsMatch(part) ? RequirementKind.Knockout : inlineKind, part));
                continue;
            }
            if (InlineHeadingRegex().Match(line) is { Success: true } other && OtherHeadingRegex().IsMatch(other.Groups["head"].Value.Trim())
                && !KnockoutRegex().IsMatch(line))
            {
                section = null; // "Location: Austin", "Benefits: …" — not a requirement, and the requirements section is over.
                continue;
            }
            if (KnockoutRegex().IsMatch(line)) items.Add((RequirementKind.Knockout, line));
            else if (section == RequirementKind.MustHave) items.Add((PreferredRegex().IsMatch(line) ? RequirementKind.NiceToHave : RequirementKind.MustHave, line));
            else if (section == RequirementKind.NiceToHave) items.Add((RequirementKind.NiceToHave, line));
            else if (MinimumYearsRegex().IsMatch(line)) items.Add((RequirementKind.MustHave, line));
        }
        if (items.Count == 0)
        {
            var parsed = _parser.Parse(description);
            items.AddRange(parsed.RequiredSkills.Select(s => (RequirementKind.MustHave, s)));
            items.AddRange(parsed.PreferredSkills.Select(s => (RequirementKind.NiceToHave, s)));
            if (parsed.MinYearsExperience is { } years)
            {
                items.Add((RequirementKind.MustHave, string.Create(CultureInfo.InvariantCulture, $"{years}+ years of experience")));
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var proposed = new List<Requirement>();
        foreach (var (kind, text) in items)
        {
            string bounded = Bound(text);
            if (!seen.Add(bounded)) continue;
            proposed.Add(new Requirement("req-" + (proposed.Count + 1).ToString(CultureInfo.InvariantCulture), kind, bounded, RequirementKinds.DefaultWeight(kind)));
            if (proposed.Count == RequirementLimits.MaxCount) break;
        }
        return proposed;
    }

    private static RequirementKind? InlineKind(string head) =>
        MustHeadingRegex().IsMatch(head) ? RequirementKind.MustHave : NiceHeadingRegex().IsMatch(head) ? RequirementKind.NiceToHave : null;

    /// <summary>A list of short items ("REST APIs, PostgreSQL and microservices") one by one; anything longer stays whole.</summary>
    private static IEnumerable<string> ListItems(string body)
    {
        var parts = ListSeparatorRegex().Split(body.Trim().TrimEnd('.')).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        bool shortItems = parts.Length > 1 && parts.All(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4);
        return shortItems ? parts : [body.Trim()];
    }

    /// <summary>The line without its bullet or numbering.</summary>
    private static string Item(string line) => BulletRegex().Replace(line.Trim(), "").Trim();

    private static bool IsHeading(string raw, string item)
    {
        // A bullet is an item, never a heading; "Requirements:" and "Nice to have" are headings.
        if (raw.Length != item.Length && !raw.EndsWith(':')) return false;
        string bare = item.TrimEnd(':').Trim();
        if (bare.Length is 0 or > 50 || bare.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6) return false;
        return item.EndsWith(':') || MustHeadingRegex().IsMatch(bare) || NiceHeadingRegex().IsMatch(bare) || OtherHeadingRegex().IsMatch(bare)
            || SectionParser.TryHeading(bare, out _, out _);
    }

    private static string Bound(string text)
    {
        text = text.TrimEnd(';', ',').Trim();
        if (text.Length <= RequirementLimits.MaxTextLength) return text;
        int stop = text.IndexOf(". ", StringComparison.Ordinal);
        return stop > 0 && stop < RequirementLimits.MaxTextLength ? text[..(stop + 1)] : text[..RequirementLimits.MaxTextLength].TrimEnd();
    }

    [GeneratedRegex(@"^(?:[-*•·▪◦‣–—]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BulletRegex();

    [GeneratedRegex(@"^(?:(?:minimum|basic|required|key|essential)\s+(?:qualifications|requirements|skills)|requirements?|required(?:\s+skills)?|must[- ]haves?|must have|qualifications|what you(?:'ll| will)? bring|what we(?:'re| are) looking for|you have|who you are|essentials?)\s*:?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MustHeadingRegex();

    [GeneratedRegex(@"^(?:nice[- ]to[- ]haves?|nice to have|preferred(?:\s+(?:qualifications|skills|experience))?|bonus(?:\s+points)?|pluses|plus|desirable|good to have|extra credit)\s*:?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NiceHeadingRegex();

    [GeneratedRegex(@"^(?:benefits|perks|(?:what )?we offer|compensation|salary|pay|how to apply|about (?:us|the (?:role|team|company|job))|the role|our team|who we are|location|responsibilities|duties|your role|what you(?:'ll| will) do|the job)\s*:?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OtherHeadingRegex();

    [GeneratedRegex(@"^(?<head>[^:]{1,50}):\s*(?<body>\S.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InlineHeadingRegex();

    [GeneratedRegex(@"\s*[,;]\s*(?:and\s+|or\s+)?|\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ListSeparatorRegex();

    [GeneratedRegex(@"\b(?:preferred|nice[- ]to[- ]have|a plus|bonus|desirable)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PreferredRegex();

    [GeneratedRegex(@"\b(?:authori[sz]ed to work|authori[sz]ation to work|work authori[sz]ation|eligible to work|eligibility to work|right to work|work permit|(?:visa )?sponsorship is not available|(?:no|without) (?:visa )?sponsorship|security clearance|clearance (?:is )?required|background check)\b"
        + @"|\b(?:must|required|requires|mandatory|need to|needs to)\b[^.\n]{0,60}\b(?:licen[cs]e[ds]?|certifi(?:ed|cation|cate))\b"
        + @"|\b(?:licen[cs]e[ds]?|certifi(?:ed|cation|cate))\b[^.\n]{0,40}\b(?:required|mandatory|is a must)\b"
        + @"|\b(?:valid|current|active)\s+(?:\w+\s+){0,3}licen[cs]e\b|\blicensed\s+(?:as\s+an?\s+)?\w+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex KnockoutRegex();

    [GeneratedRegex(@"\b(?:minimum(?: of)?|at least|min\.?)\s+\d{1,2}\s*\+?\s*(?:years?|yrs?)\b|\b\d{1,2}\s*\+\s*(?:years?|yrs?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MinimumYearsRegex();
}
