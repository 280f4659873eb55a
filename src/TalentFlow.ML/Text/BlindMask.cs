namespace TalentFlow.ML.Text;

/// <summary>
/// Masks what identifies a candidate (or their age) in resume text for blind screening: names, contact details (e-mail,
/// phone, URLs, postal addresses), photos and their alt text, ages and dates of birth. The rules are
/// <c>Redactor.RedactPersonal</c>'s (the same redaction <see cref="TextNormalizerOptions.Redact"/> uses, extended).
/// </summary>
public static class BlindMask
{
    /// <summary>Placeholder that replaces each word of a known name.</summary>
    public const string NamePlaceholder = Redactor.Name;

    /// <summary>Masks <paramref name="text"/>; every word of each of <paramref name="names"/> is masked wherever it occurs.</summary>
    public static string Mask(string text, params IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        return Redactor.RedactPersonal(text, names);
    }

    /// <summary>A stable pseudonym for a candidate, shown instead of their name (<c>Candidate 3F2A9C</c>).</summary>
    public static string Pseudonym(string candidateId)
    {
        ArgumentNullException.ThrowIfNull(candidateId);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(candidateId));
        return "Candidate " + Convert.ToHexString(hash, 0, 3);
    }
}
