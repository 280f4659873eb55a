namespace TalentFlow.ML.Tfidf;

/// <summary>A sparse vector: strictly increasing <see cref="Indices"/> and their <see cref="Values"/>.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    /// <summary>The empty vector.</summary>
    public static SparseVector Empty { get; } = new([], []);

    /// <summary>Number of stored entries.</summary>
    public int Count => Indices.Length;

    /// <summary>Dot product by merging the two index lists.</summary>
    public float Dot(SparseVector other)
    {
        ReadOnlySpan<int> ai = Indices, bi = other.Indices;
        ReadOnlySpan<float> av = Values, bv = other.Values;
        double sum = 0;
        int i = 0, j = 0;
        while (i < ai.Length && j < bi.Length)
        {
            var d = ai[i] - bi[j];
            if (d == 0)
            {
                sum += (double)av[i++] * bv[j++];
            }
            else if (d < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (float)sum;
    }

    /// <summary>Cosine similarity; 0 when either vector is zero.</summary>
    public float Cosine(SparseVector other)
    {
        var na = System.Numerics.Tensors.TensorPrimitives.Norm(Values);
        var nb = System.Numerics.Tensors.TensorPrimitives.Norm(other.Values);
        return na == 0 || nb == 0 ? 0f : Dot(other) / (na * nb);
    }
}
