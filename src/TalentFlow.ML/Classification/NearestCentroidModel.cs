using System.Numerics.Tensors;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>
/// Rocchio classifier: each class is the l2-normalized mean of its training vectors; a text scores the cosine with each
/// centroid. Strong when there are only a few texts per class.
/// </summary>
public sealed class NearestCentroidModel
{
    private readonly float[][] _centroids;

    private NearestCentroidModel(float[][] centroids, int features)
    {
        _centroids = centroids;
        Features = features;
    }

    /// <summary>Input dimension.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => _centroids.Length;

    /// <summary>Builds the centroids of vectors with labels in [0, <paramref name="classes"/>).</summary>
    public static NearestCentroidModel Train(IReadOnlyList<SparseVector> x, IReadOnlyList<int> y, int features, int classes)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var centroids = new float[classes][];
        for (var c = 0; c < classes; c++)
        {
            centroids[c] = new float[features];
        }

        for (var i = 0; i < x.Count; i++)
        {
            var row = centroids[y[i]];
            for (var k = 0; k < x[i].Indices.Length; k++)
            {
                row[x[i].Indices[k]] += x[i].Values[k];
            }
        }

        foreach (var row in centroids)
        {
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        return new NearestCentroidModel(centroids, features);
    }

    /// <summary>Cosine of <paramref name="x"/> (l2-normalized) with each class centroid.</summary>
    public float[] Scores(SparseVector x)
    {
        var scores = new float[_centroids.Length];
        for (var c = 0; c < scores.Length; c++)
        {
            var row = _centroids[c];
            float s = 0;
            for (var k = 0; k < x.Indices.Length; k++)
            {
                s += row[x.Indices[k]] * x.Values[k];
            }

            scores[c] = s;
        }

        return scores;
    }
}
