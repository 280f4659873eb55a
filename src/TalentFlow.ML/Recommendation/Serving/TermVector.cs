namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// A sparse, l2-normalised text vector whose terms are 64-bit hashes of the terms themselves (FNV-1a over the UTF-16 units),
/// so that any text — a job title never seen when the model was built — has a vector without a vocabulary to grow.
/// Terms are sorted ascending and distinct.
/// </summary>
/// <param name="Terms">Term hashes, ascending.</param>
/// <param name="Weights">Weights, same length, l2 norm 1 (or empty).</param>
public readonly record struct TermVector(ulong[] Terms, float[] Weights)
{
    /// <summary>The vector of a text without a term.</summary>
    public static TermVector Empty { get; } = new([], []);

    /// <summary>Number of distinct terms.</summary>
    public int Count => Terms.Length;

    /// <summary>Dot product (the cosine, both being unit vectors), by a merge of the two sorted term lists.</summary>
    public float Dot(TermVector other)
    {
        ulong[] a = Terms, b = other.Terms;
        int i = 0, j = 0;
        float sum = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) sum += Weights[i++] * other.Weights[j++];
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return sum;
    }

    /// <summary>FNV-1a (64-bit) of <paramref name="term"/>.</summary>
    public static ulong Hash(ReadOnlySpan<char> term)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in term) h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
