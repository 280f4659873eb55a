using System.Numerics.Tensors;

namespace TalentFlow.ML.Numerics;

/// <summary>
/// Softmax of <c>x / temperature</c> that cannot overflow: <see cref="TensorPrimitives.SoftMax{T}(ReadOnlySpan{T}, Span{T})"/>
/// exponentiates as it is, so a confident classifier under a small temperature (logits of thousands) gave ∞ / ∞ = NaN.
/// Subtracting the maximum first leaves the result unchanged and the largest exponent at 0.
/// </summary>
internal static class StableSoftMax
{
    /// <summary>Writes softmax(<paramref name="x"/> / <paramref name="temperature"/>) into <paramref name="destination"/> (may be <paramref name="x"/>).</summary>
    public static void Apply(ReadOnlySpan<float> x, float temperature, Span<float> destination)
    {
        TensorPrimitives.Divide(x, temperature, destination);
        TensorPrimitives.Subtract(destination, TensorPrimitives.Max<float>(destination), destination);
        TensorPrimitives.SoftMax<float>(destination, destination);
    }
}
