using System.Text.RegularExpressions;

namespace TalentFlow.ML.Text;

/// <summary>Blind screening's part of the redaction: what identifies a person or their age beyond contact details.</summary>
internal static partial class Redactor
{
    /// <summary>Placeholder for a person's name.</summary>
    public const string Name = "[NAME]";

    /// <summary>Placeholder for a postal address.</summary>
    public const string Address = "[ADDRESS]";

    /// <summary>Placeholder for a photo and its alt text.</summary>
    public const string Photo = "[PHOTO]";

    /// <summary>Placeholder for an age.</summary>
    public const string Age = "[AGE]";

    /// <summary>Placeholder for a date of birth.</summary>
    public const string BirthDate = "[DOB]";

    /// <summary>
    /// <see cref="Redact"/>, then photos (markdown and HTML images, <c>alt="…"</c>, "Photo: …" lines), dates of birth
    /// (a label such as "Date of birth", "DOB", "born" followed by a date or a year), ages ("Age: 34", "34 years old",
    /// "aged 34"), postal addresses ("Address: …" lines, a house number with a street type, "City, ST 12345"), "Name: …" lines
    /// and every word of <paramref name="names"/> (whole words, any case; words under two letters are left).
    /// </summary>
    public static string RedactPersonal(string text, IReadOnlyList<string> names)
    {
        // Photos before URLs: an image's link would otherwise become [URL] and leave its alt text behind.
        text = MarkdownImageRegex().Replace(text, Photo);
        text = HtmlImageRegex().Replace(text, Photo);
        text = AltTextRegex().Replace(text, Photo);
        text = PhotoLineRegex().Replace(text, m => m.Groups["label"].Value + Photo);
        // Dates of birth and ages before phone numbers: 1990-03-12 would otherwise read as a phone number.
        text = BirthDateRegex().Replace(text, BirthDate);
        text = AgeRegex().Replace(text, Age);
        text = Redact(text);
        text = AreaCodePhoneRegex().Replace(text, Phone);
        text = AddressLineRegex().Replace(text, m => m.Groups["label"].Value + Address);
        text = StreetRegex().Replace(text, Address);
        text = PostalCodeRegex().Replace(text, Address);
        text = NameLineRegex().Replace(text, m => m.Groups["label"].Value + Name);
        foreach (string name in names)
        {
            foreach (string word in NameWords(name))
            {
                text = Regex.Replace(text, @"(?<![\p{L}\p{N}])" + Regex.Escape(word) + @"(?![\p{L}\p{N}])", Name,
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }
        return AdjacentNamesRegex().Replace(text, Name);
    }

    /// <summary>The words of a name worth masking: letters (with inner <c>'</c> or <c>-</c>), two or more.</summary>
    internal static IEnumerable<string> NameWords(string name) =>
        NameWordRegex().Matches(name ?? "").Select(m => m.Value).Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\p{L}+(?:['’-]\p{L}+)*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NameWordRegex();

    [GeneratedRegex(@"\[NAME\](?:[ \t]+\[NAME\])+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AdjacentNamesRegex();

    // (512) 555-0100 and +1 (512) 555-0100, which the contact pattern misses (it wants three groups after the area code).
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}\s?)?\(\d{2,4}\)\s?\d{3}[\s.-]\d{4}(?![\w])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AreaCodePhoneRegex();

    [GeneratedRegex(@"!\[[^\]\n]*\]\([^)\n]*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MarkdownImageRegex();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex HtmlImageRegex();

    [GeneratedRegex(@"\balt\s*=\s*(?:""[^""\n]*""|'[^'\n]*')", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AltTextRegex();

    [GeneratedRegex(@"(?<label>\b(?:photo|photograph|picture|headshot|image)\s*[:\-]\s*)[^\n]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex PhotoLineRegex();

    // A date: 12/03/1990, 1990-03-12, 12 March 1990, March 12, 1990, or a bare year.
    private const string DatePattern =
        @"(?:\d{1,2}(?:st|nd|rd|th)?[\s./-]+(?:\p{L}{3,9}\.?|\d{1,2})[\s./,-]+\d{2,4}|\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|(?:19|20)\d{2})";

    [GeneratedRegex(@"\b(?:date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\.?|born(?:\s+on|\s+in)?)\s*[:\-]?\s*" + DatePattern,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BirthDateRegex();

    [GeneratedRegex(@"\b(?:age|aged)\s*[:\-]?\s*\d{1,3}\b(?:\s*(?:years?|yrs?)(?:\s*old)?)?|\b\d{1,3}\s*(?:-\s*)?(?:years?|yrs?)(?:\s*|-)old\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AgeRegex();

    [GeneratedRegex(@"(?<label>\b(?:home\s+|postal\s+|mailing\s+)?address\s*[:\-]\s*)[^\n]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AddressLineRegex();

    [GeneratedRegex(@"\b\d{1,5}\s+(?:[\p{Lu}\d][\p{L}\d.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy)\b\.?(?:,?\s*(?:Apt|Apartment|Suite|Unit|#)\.?\s*[\w-]+)?",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StreetRegex();

    [GeneratedRegex(@"\b[\p{Lu}][\p{L}.' -]{1,30},\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PostalCodeRegex();

    [GeneratedRegex(@"(?<label>\b(?:full\s+)?name\s*[:\-]\s*)[^\n]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NameLineRegex();
}
