using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Matching;

/// <summary>The checks every text entering a grain passes: present, within the size limit, not empty once normalised.</summary>
internal static class InputText
{
    public static string Require(string? text, string what, int maxLength, TextNormalizer normalizer)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"The {what} is empty.");
        if (text.Length > maxLength)
        {
            throw new ArgumentException($"The {what} is {text.Length:N0} characters, over the {maxLength:N0}-character limit.");
        }
        string normalised = normalizer.Normalize(text);
        if (string.IsNullOrWhiteSpace(normalised)) throw new ArgumentException($"The {what} has no readable text.");
        return normalised;
    }
}
