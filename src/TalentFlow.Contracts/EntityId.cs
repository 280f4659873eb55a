using System.Globalization;
using System.Text;

namespace TalentFlow.Contracts;

/// <summary>
/// The one rule for the ids of jobs, candidates and users: 1–<see cref="MaxLength"/> characters, each an ASCII letter or
/// digit or one of <c>- _ . : @</c>.
/// </summary>
/// <remarks>
/// Why this set: an id is a grain key, a storage key, a path segment and part of a <c>Location</c> header. ASCII keeps it
/// one byte per character everywhere and legal in a header without encoding (a non-ASCII header value is what made Kestrel
/// answer 500 after the write); none of the allowed characters needs escaping in a path segment; and it excludes what the
/// system itself uses as separators (<c>/</c> between grain type and key, <c>|</c> between job and candidate in a screening
/// result id) as well as space, <c>?</c>, <c>#</c>, <c>%</c> and control characters, which a client would have to encode and a
/// reader could misread. <c>.</c>, <c>:</c> and <c>@</c> stay allowed so ids taken from other systems (<c>req-2024.07</c>,
/// <c>ats:1234</c>, <c>pat@example.com</c>) need no rewriting. 128 is far above any generated id (<c>cand-</c> plus 12 hex)
/// and short enough to log and show.
/// </remarks>
public static class EntityId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages and documentation.</summary>
    public const string Rule = "1–128 characters, each an ASCII letter, digit, '-', '_', '.', ':' or '@'";

    /// <summary>How many characters of a refused id an error message repeats.</summary>
    private const int ShownLength = 40;

    /// <summary>Whether <paramref name="id"/> follows the rule.</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && id.All(IsAllowed);

    /// <summary>
    /// Null when <paramref name="id"/> follows the rule; otherwise why not, naming <paramref name="field"/> (the caller's
    /// name for the value, e.g. <c>job_id</c>) and the id itself in a safe form (<see cref="Shown"/>).
    /// </summary>
    public static string? Problem(string id, string field)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0) return $"{field} is empty; an id is {Rule}.";
        if (id.Length > MaxLength) return $"{field} '{Shown(id)}' is {id.Length:N0} characters long; an id is {Rule}.";
        int bad = id.AsSpan().IndexOfAnyExcept(Allowed);
        if (bad < 0) return null;
        var rune = Rune.GetRuneAt(id, char.IsLowSurrogate(id[bad]) ? bad - 1 : bad);
        return $"{field} '{Shown(id)}' has {Describe(rune)} at position {bad + 1}; an id is {Rule}.";
    }

    /// <summary>Throws <see cref="ArgumentException"/> (the API's 400) saying what is wrong unless <paramref name="id"/> follows the rule.</summary>
    public static string Validate(string id, string field) =>
        Problem(id, field) is { } problem ? throw new ArgumentException(problem) : id;

    /// <summary>
    /// A refused id as an error message may repeat it: at most <see cref="ShownLength"/> characters (a pair of surrogates is
    /// never split), percent-encoded, so a message carries no control character, markup-breaking quote or header-breaking byte.
    /// </summary>
    public static string Shown(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length <= ShownLength) return Uri.EscapeDataString(id);
        int cut = char.IsHighSurrogate(id[ShownLength - 1]) ? ShownLength - 1 : ShownLength;
        return Uri.EscapeDataString(id[..cut]) + "…";
    }

    private static string Describe(Rune rune) => rune.Value switch
    {
        ' ' => "a space",
        _ when Rune.IsControl(rune) => $"the control character U+{rune.Value:X4}",
        < 0x80 => $"'{(char)rune.Value}'",
        _ => $"the non-ASCII character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}",
    };

    private static bool IsAllowed(char c) => Allowed.Contains(c);

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:@");
}
