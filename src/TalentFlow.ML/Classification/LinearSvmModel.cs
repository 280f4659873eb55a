using System.Numerics.Tensors;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>A trained one-vs-rest linear SVM: one weight row and bias per class. Immutable and thread-safe.</summary>
public sealed class LinearSvmModel
{
    private readonly float[] _weights; // row c: features weights, then the bias

    internal LinearSvmModel(float[] weights, int features, int classes)
    {
        _weights = weights;
        Features = features;
        Classes = classes;
    }

    /// <summary>Input dimension.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Row c: the class's feature weights, then its bias (<see cref="Classes"/> rows of <see cref="Features"/> + 1).</summary>
    internal ReadOnlySpan<float> Weights => _weights;

    /// <summary>Decision values, one per class; the largest is the prediction.</summary>
    public float[] Scores(SparseVector x)
    {
        var scores = new float[Classes];
        Scores(x, scores);
        return scores;
    }

    /// <summary>Writes the decision values of <paramref name="x"/> into <paramref name="destination"/> (length <see cref="Classes"/>).</summary>
    public void Scores(SparseVector x, Span<float> destination)
    {
        if (destination.Length != Classes)
        {
            throw new ArgumentException($"Need {Classes} destination slots.", nameof(destination));
        }

        var row = Features + 1;
        for (var c = 0; c < Classes; c++)
        {
            ReadOnlySpan<float> w = _weights.AsSpan(c * row, row);
            var z = w[Features];
            for (var k = 0; k < x.Indices.Length; k++)
            {
                z += w[x.Indices[k]] * x.Values[k];
            }

            destination[c] = z;
        }
    }

    /// <summary>The predicted class.</summary>
    public int Predict(SparseVector x) => TensorPrimitives.IndexOfMax<float>(Scores(x));
}
