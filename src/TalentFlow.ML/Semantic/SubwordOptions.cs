namespace TalentFlow.ML.Semantic;

/// <summary>
/// How a <see cref="SubwordEncoder"/> is fitted. Defaults follow Levy, Goldberg and Dagan (2015, "Improving distributional
/// similarity with lessons learned from word embeddings") for the count-based vectors, Bojanowski et al. (2017, fastText)
/// for the subwords and Arora, Liang and Ma (2017, SIF) for the pooling.
/// </summary>
public sealed record SubwordOptions
{
    /// <summary>Embedding length (the SVD rank). Default 128; capped by the vocabulary size.</summary>
    public int Dimensions { get; init; } = 128;

    /// <summary>Words on each side that count as context; a word d places away weighs (Window − d + 1) / Window. Default 5.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Fewest occurrences for a word to get its own vector (rarer words get subword vectors). Default 2.</summary>
    public int MinCount { get; init; } = 2;

    /// <summary>Most words with their own vector, the most frequent first. Default 30,000.</summary>
    public int MaxVocabulary { get; init; } = 30_000;

    /// <summary>Context distribution smoothing α: PMI uses #(c)^α, which keeps rare contexts from dominating. Default 0.75.</summary>
    public double ContextSmoothing { get; init; } = 0.75;

    /// <summary>Shift k of shifted PPMI, max(PMI − ln k, 0); 1 is plain PPMI (Levy et al. found it best for SVD). Default 1.</summary>
    public double Shift { get; init; } = 1;

    /// <summary>Word vectors are U·Σ^p; p = 0.5 spreads the spectrum between words and contexts. Default 0.5.</summary>
    public double EigenvalueWeight { get; init; } = 0.5;

    /// <summary>Shortest character n-gram of a word (with its <c>&lt;</c>/<c>&gt;</c> marks). Default 3.</summary>
    public int MinN { get; init; } = 3;

    /// <summary>Longest character n-gram. Default 5.</summary>
    public int MaxN { get; init; } = 5;

    /// <summary>Hash buckets the n-grams share (each bucket is one stored vector). Default 32,768.</summary>
    public int Buckets { get; init; } = 1 << 15;

    /// <summary>SIF's a: a word of corpus probability p weighs a / (a + p). Default 1e-3.</summary>
    public double SifWeight { get; init; } = 1e-3;

    /// <summary>Remove every embedding's projection on the first principal component of the training documents. Default true.</summary>
    public bool RemovePrincipalComponent { get; init; } = true;

    /// <summary>Extra random directions of the randomized SVD. Default 10.</summary>
    public int Oversampling { get; init; } = 10;

    /// <summary>Power iterations of the randomized SVD. Default 3.</summary>
    public int PowerIterations { get; init; } = 3;

    /// <summary>Random seed: the same corpus and seed give the same encoder, bit for bit.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(Dimensions is >= 2 and <= 1024, nameof(Dimensions), Dimensions, "2–1024");
        Check(Window is >= 1 and <= 20, nameof(Window), Window, "1–20");
        Check(MinCount >= 1, nameof(MinCount), MinCount, "at least 1");
        Check(MaxVocabulary is >= 2 and <= 1_000_000, nameof(MaxVocabulary), MaxVocabulary, "2–1,000,000");
        Check(ContextSmoothing is > 0 and <= 1, nameof(ContextSmoothing), ContextSmoothing, "in (0, 1]");
        Check(Shift is >= 1 and <= 100, nameof(Shift), Shift, "1–100");
        Check(EigenvalueWeight is >= 0 and <= 1, nameof(EigenvalueWeight), EigenvalueWeight, "0–1");
        Check(MinN is >= 1 and <= 8, nameof(MinN), MinN, "1–8");
        Check(MaxN >= MinN && MaxN <= 8, nameof(MaxN), MaxN, "MinN–8");
        Check(Buckets is >= 1 and <= 1 << 22, nameof(Buckets), Buckets, "1–4,194,304");
        Check(SifWeight is > 0 and <= 1, nameof(SifWeight), SifWeight, "in (0, 1]");
        Check(Oversampling is >= 0 and <= 100, nameof(Oversampling), Oversampling, "0–100");
        Check(PowerIterations is >= 0 and <= 20, nameof(PowerIterations), PowerIterations, "0–20");
    }

    private static void Check(bool ok, string name, object value, string range)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}.");
    }
}
