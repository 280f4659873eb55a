using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>How an <see cref="LsaEncoder"/> is fitted.</summary>
public sealed record LsaOptions
{
    /// <summary>Embedding length (the SVD rank). Default 256; capped by the number of documents and terms.</summary>
    public int Dimensions { get; init; } = 256;

    /// <summary>Extra random directions sampled beyond the rank (accuracy of the range finder). Default 10.</summary>
    public int Oversampling { get; init; } = 10;

    /// <summary>Power iterations (sharpen a slowly decaying spectrum). Default 3.</summary>
    public int PowerIterations { get; init; } = 3;

    /// <summary>Random seed: the same corpus and seed give the same encoder.</summary>
    public int Seed { get; init; }

    /// <summary>The vectorizer under the SVD: unigrams and bigrams, sublinear tf, up to 20,000 terms.</summary>
    public TfidfOptions Tfidf { get; init; } = new() { MaxFeatures = 20_000, SublinearTf = true };

    internal void Validate(int documents)
    {
        if (Dimensions is < 2 or > 2048) throw new ArgumentOutOfRangeException(nameof(Dimensions), Dimensions, "Dimensions must be 2–2048.");
        if (Oversampling is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(Oversampling), Oversampling, "Oversampling must be 0–100.");
        if (PowerIterations is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(PowerIterations), PowerIterations, "PowerIterations must be 0–20.");
        if (documents < 2) throw new ArgumentException("LSA needs at least two documents to fit.");
    }
}
