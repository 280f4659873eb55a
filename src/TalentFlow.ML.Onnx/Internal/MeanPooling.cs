using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.Internal;

/// <summary>sentence-transformers' pooling: the mean of the token vectors the attention mask keeps, then L2-normalised.</summary>
internal static class MeanPooling
{
    /// <summary>
    /// Pools one sequence. <paramref name="hidden"/> is <c>sequence × dimension</c> row-major; the first
    /// <paramref name="tokens"/> rows are real tokens (the rest padding), so the mask is implied by the count.
    /// </summary>
    public static void PoolAndNormalize(ReadOnlySpan<float> hidden, int tokens, Span<float> destination)
    {
        var dimension = destination.Length;
        if (hidden.Length < tokens * dimension)
        {
            throw new ArgumentException("The hidden states are shorter than tokens × dimension.", nameof(hidden));
        }

        destination.Clear();
        for (var t = 0; t < tokens; t++)
        {
            TensorPrimitives.Add(destination, hidden.Slice(t * dimension, dimension), destination);
        }

        // sentence-transformers divides by max(count, 1e-9) and F.normalize by max(norm, 1e-12).
        TensorPrimitives.Divide(destination, Math.Max(tokens, 1e-9f), destination);
        Normalize(destination);
    }

    /// <summary>Scales <paramref name="vector"/> to unit L2 norm in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
    }
}
