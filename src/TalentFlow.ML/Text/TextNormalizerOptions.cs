namespace TalentFlow.ML.Text;

/// <summary>Options for <see cref="TextNormalizer"/>.</summary>
public sealed class TextNormalizerOptions
{
    /// <summary>Apply Unicode NFKC. Default <see langword="true"/>.</summary>
    public bool UnicodeNormalize { get; set; } = true;

    /// <summary>Repair UTF-8 text that was decoded as Windows-1252 (e.g. <c>â€¢</c>). Default <see langword="true"/>.</summary>
    public bool RepairMojibake { get; set; } = true;

    /// <summary>Collapse runs of spaces and tabs to one space and of blank lines to one blank line. Default <see langword="true"/>.</summary>
    public bool CollapseWhitespace { get; set; } = true;

    /// <summary>Replace e-mail addresses, phone numbers and URLs with placeholders (for display and logs). Default <see langword="false"/>.</summary>
    public bool Redact { get; set; }
}
