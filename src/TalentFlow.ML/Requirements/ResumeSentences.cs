using System.Text.RegularExpressions;

namespace TalentFlow.ML.Requirements;

/// <summary>
/// Cuts a resume into the sentences evidence is quoted from: every line, split again at a sentence end (<c>. ! ?</c> then a
/// space and a capital or digit), a semicolon, a bullet or a <c>|</c>. Pieces without a letter are dropped; a piece over
/// <see cref="MaxLength"/> characters is cut there.
/// </summary>
public static partial class ResumeSentences
{
    /// <summary>Longest sentence kept: 400 characters.</summary>
    public const int MaxLength = 400;

    /// <summary>Most sentences read from one resume: 600 (the rest of a very long text is not searched).</summary>
    public const int MaxCount = 600;

    /// <summary>The sentences of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            foreach (string piece in BoundaryRegex().Split(line))
            {
                string sentence = piece.Trim().Trim('-', '*', '•', '·', '▪', '◦', '|', ' ');
                if (sentence.Length == 0 || !sentence.Any(char.IsLetter)) continue;
                sentences.Add(sentence.Length > MaxLength ? sentence[..MaxLength] : sentence);
                if (sentences.Count == MaxCount) return sentences;
            }
        }
        return sentences;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d])|;\s*|\s+[•·▪◦|]\s+|\s\|\s?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BoundaryRegex();
}
