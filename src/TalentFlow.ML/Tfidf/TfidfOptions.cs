namespace TalentFlow.ML.Tfidf;

/// <summary>
/// Parameters of <see cref="TfidfVectorizer"/>, with scikit-learn's <c>TfidfVectorizer</c> meaning. Defaults are the baseline
/// matcher's: <c>max_features=5000, ngram_range=(1, 2), stop_words='english', lowercase=True</c>, smooth idf, l2 norm.
/// </summary>
public sealed record TfidfOptions
{
    /// <summary>Keep the terms with the highest corpus term frequency; <see langword="null"/> keeps all. Default 5000.</summary>
    public int? MaxFeatures { get; init; } = 5000;

    /// <summary>Smallest n-gram length. Default 1.</summary>
    public int NGramMin { get; init; } = 1;

    /// <summary>Largest n-gram length. Default 2.</summary>
    public int NGramMax { get; init; } = 2;

    /// <summary>Drop scikit-learn's English stop words before forming n-grams. Default <see langword="true"/>.</summary>
    public bool EnglishStopWords { get; init; } = true;

    /// <summary>Lower-case the text first. Default <see langword="true"/>.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>idf = ln((1 + n) / (1 + df)) + 1 when true, ln(n / df) + 1 otherwise. Default <see langword="true"/>.</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>Use 1 + ln(tf) instead of tf. Default <see langword="false"/>.</summary>
    public bool SublinearTf { get; init; }

    /// <summary>Scale each vector to unit l2 norm. Default <see langword="true"/>.</summary>
    public bool L2Normalize { get; init; } = true;

    internal void Validate()
    {
        if (NGramMin < 1 || NGramMax < NGramMin)
        {
            throw new ArgumentOutOfRangeException(nameof(NGramMax), "Need 1 <= NGramMin <= NGramMax.");
        }

        if (MaxFeatures is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFeatures), "MaxFeatures must be positive.");
        }
    }
}
