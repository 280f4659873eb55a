using System.Globalization;
using System.Text.RegularExpressions;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>How much a text looks like what a <see cref="CareerModel"/> was trained on (<see cref="CareerModel.DomainSignals"/>).</summary>
/// <param name="Words">Content words of the text (letters, two or more, lower-cased, English stop words dropped).</param>
/// <param name="KnownWords">Of those, how many the TF-IDF classifier's vocabulary holds; null for the MLP, which has none to ask.</param>
/// <param name="MaxCentroidCosine">The best cosine of the text's embedding to a career centroid (0 for an empty embedding).</param>
/// <param name="NormalizedEntropy">Entropy of the calibrated distribution / ln(careers): 0 certain, 1 uniform.</param>
/// <param name="TopProbability">The calibrated probability of the most probable career.</param>
public sealed record CareerDomainSignals(int Words, int? KnownWords, double MaxCentroidCosine, double NormalizedEntropy, double TopProbability)
{
    /// <summary>Known words / words (null without a vocabulary; 0 for a text without words).</summary>
    public double? KnownShare => KnownWords is { } k ? (Words == 0 ? 0 : k / (double)Words) : null;
}

/// <summary>
/// When a text is not something a career model can advise on (<see cref="CareerAdvisor"/> then answers with the uniform
/// prior and says why). The defaults come from measurement (ML README, "Career advisor confidence"): held-out resumes
/// against generated gibberish, random everyday words and other-domain texts.
/// </summary>
public sealed record CareerDomainOptions
{
    /// <summary>Fewer content words than this is too little to advise on. Default 3.</summary>
    public int MinWords { get; init; } = 3;

    /// <summary>A smaller share of words known to the TF-IDF vocabulary is out of domain. Default 0.5.</summary>
    public double MinKnownShare { get; init; } = 0.5;

    /// <summary>A smaller best cosine to a career centroid is out of domain. Default 0.3.</summary>
    public double MinCentroidCosine { get; init; } = 0.3;

    /// <summary>Throws when a threshold is outside its range.</summary>
    public void Validate()
    {
        if (MinWords < 0) throw new ArgumentOutOfRangeException(nameof(MinWords), MinWords, "Must be at least 0.");
        if (MinKnownShare is < 0 or > 1 || double.IsNaN(MinKnownShare)) throw new ArgumentOutOfRangeException(nameof(MinKnownShare), MinKnownShare, "Must be in [0, 1].");
        if (MinCentroidCosine is < -1 or > 1 || double.IsNaN(MinCentroidCosine)) throw new ArgumentOutOfRangeException(nameof(MinCentroidCosine), MinCentroidCosine, "Must be in [-1, 1].");
    }
}

/// <summary>The out-of-domain rule over <see cref="CareerDomainSignals"/>.</summary>
public static partial class CareerDomain
{
    /// <summary>The text's content words (see <see cref="CareerDomainSignals.Words"/>).</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (Match m in WordRegex().Matches(text))
        {
            var w = m.Value.ToLowerInvariant();
            if (!EnglishStopWords.Set.Contains(w)) words.Add(w);
        }

        return words;
    }

    /// <summary>Null when <paramref name="signals"/> are in domain, else the reason, in words a user reads.</summary>
    public static string? OutOfDomainReason(CareerDomainSignals signals, CareerDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        if (signals.Words < options.MinWords)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"too little text to advise on ({signals.Words} content word{(signals.Words == 1 ? "" : "s")}; at least {options.MinWords}): describe experience, skills or interests");
        }

        if (signals.KnownShare is { } share && share < options.MinKnownShare)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the text is unlike the resumes the career model knows: {share:P0} of its words are in its vocabulary (at least {options.MinKnownShare:P0} needed)");
        }

        if (signals.MaxCentroidCosine < options.MinCentroidCosine)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the text is unlike any career the model knows: best similarity to a career {signals.MaxCentroidCosine:0.00} (at least {options.MinCentroidCosine:0.00} needed)");
        }

        return null;
    }

    [GeneratedRegex(@"\p{L}{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WordRegex();
}
