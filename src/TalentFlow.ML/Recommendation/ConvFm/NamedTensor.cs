using System.Collections.Immutable;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// A parameter or buffer of the network: a flat row-major array with a shape. Names are PyTorch's <c>state_dict</c> keys of
/// the anchor's module (<c>user.weight</c>, <c>deep.0.weight</c>, <c>deep.1.running_mean</c>, …) so the golden file maps one to one.
/// </summary>
/// <typeparam name="T">float for training and serving, double for the gradient check.</typeparam>
public sealed class NamedTensor<T>
    where T : unmanaged
{
    internal NamedTensor(string name, int[] shape, bool trainable)
    {
        Name = name;
        Shape = [.. shape];
        var length = 1;
        foreach (var s in shape)
        {
            length *= s;
        }

        Data = new T[length];
        Grad = trainable ? new T[length] : null;
    }

    /// <summary>The PyTorch state_dict key.</summary>
    public string Name { get; }

    /// <summary>Row-major shape.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The values, row-major.</summary>
    public T[] Data { get; }

    /// <summary><see langword="true"/> for learned parameters, <see langword="false"/> for BatchNorm running statistics.</summary>
    public bool IsTrainable => Grad is not null;

    /// <summary>Gradient of the last backward pass; <see langword="null"/> for buffers.</summary>
    internal T[]? Grad { get; }
}
