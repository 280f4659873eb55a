using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>Immutable parameters of a trained multinomial logistic regression.</summary>
public sealed class SoftmaxRegressionModel
{
    private readonly double[] _weights;

    internal SoftmaxRegressionModel(float[] weights, int features, int classes)
    {
        _weights = Array.ConvertAll(weights, f => (double)f);
        Features = features;
        Classes = classes;
    }

    /// <summary>Input dimension.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Class probabilities of one vector.</summary>
    public float[] PredictProbabilities(SparseVector x)
    {
        Span<double> p = Classes <= 256 ? stackalloc double[Classes] : new double[Classes];
        SoftmaxRegressionTrainer.Probabilities(_weights, x, Features, p);
        var result = new float[Classes];
        for (var c = 0; c < Classes; c++)
        {
            result[c] = (float)p[c];
        }

        return result;
    }
}
