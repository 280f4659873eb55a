using System.Text.RegularExpressions;

namespace TalentFlow.ML.Text;

/// <summary>
/// Replaces e-mail addresses, URLs and phone numbers with placeholders (<see cref="Redact"/>); for blind screening also names,
/// postal addresses, photos' alt text, ages and dates of birth (<see cref="RedactPersonal"/>, in <c>Redactor.Personal.cs</c>).
/// </summary>
internal static partial class Redactor
{
    /// <summary>Placeholder for e-mail addresses.</summary>
    public const string Email = "[EMAIL]";

    /// <summary>Placeholder for URLs.</summary>
    public const string Url = "[URL]";

    /// <summary>Placeholder for phone numbers.</summary>
    public const string Phone = "[PHONE]";

    public static string Redact(string text)
    {
        text = EmailRegex().Replace(text, Email);
        text = UrlRegex().Replace(text, Url);
        return PhoneRegex().Replace(text, Phone);
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""']+|\b[\w-]+\.(?:com|org|net|io|dev|me)/[^\s<>""']*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"(?<![\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}(?![\w])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhoneRegex();
}
