using System.Globalization;
using System.Text.RegularExpressions;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Skills;

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
/// <item>A paragraph (a line of two sentences or more and over 120 characters, or any line over 200) is cut into sentences
/// first, so one paragraph never becomes one long must-have: in a section each sentence is an item of that section's kind;
/// outside one, a sentence that asks for something ("required", "must", "you have", "experience with/in", "knowledge of",
/// "proficient", "degree", "N+ years", …) is a must-have, or a nice-to-have when it says "preferred", "a plus", …; a
/// sentence that asks for two skills or more (the skills taxonomy) and no years gives one item per skill; a sentence about
/// years stays whole.</item>
/// <item>When no line was taken, the skills <see cref="JobParser"/> finds become items: required skills must-have,
/// preferred ones nice-to-have, and the minimum years (when stated) a must-have.</item>
/// <item>When a posting of paragraphs still has nothing, its sentences about the work (up to eight) become nice-to-haves: a
/// candidate who has done that work shows it, and no single sentence can reject anyone.</item>
/// </list>
/// Texts over <see cref="RequirementLimits.MaxTextLength"/> keep their first sentence; at most
/// <see cref="RequirementLimits.MaxCount"/> items are proposed; duplicates (same text, any case) are dropped. Weights are
/// <see cref="RequirementKinds.DefaultWeight"/>; ids <c>req-1</c>, <c>req-2</c>, … in order.
/// </summary>
public sealed partial class RequirementProposer(JobParser? parser = null, SkillVocabulary? skills = null)
{
    private const int MaxDutySentences = 8;
    private readonly JobParser _parser = parser ?? new JobParser(skills);
    private readonly SkillVocabulary _skills = skills ?? SkillVocabulary.Default;

    /// <summary>Proposes requirements for a posting of <paramref name="description"/>.</summary>
    public IReadOnlyList<Requirement> Propose(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var items = new List<(RequirementKind Kind, string Text)>();
        var duties = new List<string>();
        RequirementKind? section = null;
        foreach (string raw in description.Split('\n'))
        {
            string line = Item(raw);
            if (line.Length == 0) continue;
            if (IsParagraph(line))
            {
                ProposeFromParagraph(line, section, items, duties);
                continue;
            }
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
        if (items.Count == 0) items.AddRange(duties.Take(MaxDutySentences).Select(d => (RequirementKind.NiceToHave, d)));

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

    private static bool IsParagraph(string line) =>
        line.Length > 200 || (line.Length > 120 && SentenceEndRegex().Split(line).Count(p => p.Trim().Length > 0) >= 2);

    /// <summary>A paragraph's sentences as items: in a section, each of its kind; outside, those that ask for something.</summary>
    private void ProposeFromParagraph(string paragraph, RequirementKind? section, List<(RequirementKind Kind, string Text)> items, List<string> duties)
    {
        foreach (string part in SentenceEndRegex().Split(paragraph))
        {
            string sentence = part.Trim().TrimEnd('.', ';', '!').Trim();
            if (sentence.Length < 3) continue;
            RequirementKind? kind = KnockoutRegex().IsMatch(sentence) ? RequirementKind.Knockout
                : section == RequirementKind.NiceToHave ? RequirementKind.NiceToHave
                : section == RequirementKind.MustHave || AsksRegex().IsMatch(sentence) || MinimumYearsRegex().IsMatch(sentence)
                    ? (PreferredRegex().IsMatch(sentence) ? RequirementKind.NiceToHave : RequirementKind.MustHave)
                : null;
            if (kind is null)
            {
                duties.Add(sentence);
                continue;
            }
            var named = _skills.Find(sentence);
            if (kind != RequirementKind.Knockout && named.Count >= 2 && !MinimumYearsRegex().IsMatch(sentence) && !YearsRegex().IsMatch(sentence))
            {
                foreach (string skill in named) items.Add((kind.Value, skill));
            }
            else
            {
                items.Add((kind.Value, sentence));
            }
        }
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

    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[A-Z0-9(""'])|(?<=[.!?])$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"\b(?:required|requires?|requirements?|must|need(?:s|ed)?|you (?:have|bring|are|should)|ideal candidate|candidates? (?:should|will|must)|should have|experience (?:with|in|of)|(?:hands-on|proven|strong|solid|demonstrated) (?:experience|knowledge|skills?)|knowledge of|familiar(?:ity)? with|proficien(?:t|cy)|fluen(?:t|cy)|degree|bachelor'?s?|master'?s?|diploma|certifi(?:ed|cation)|licen[cs]e[ds]?|ability to|able to|skills? in|background in|qualifications?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AsksRegex();

    [GeneratedRegex(@"\b\d{1,2}\s*(?:\+|-\s*\d{1,2}|to\s+\d{1,2})?\s*(?:years?|yrs?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex YearsRegex();

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
