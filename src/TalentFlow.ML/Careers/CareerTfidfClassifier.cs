using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Classification;

namespace TalentFlow.ML.Careers;

/// <summary>Which classifier a <see cref="CareerModel"/> predicts with.</summary>
public enum CareerClassifierKind
{
    /// <summary>The <see cref="CareerClassifier"/> MLP over the encoder's embeddings.</summary>
    Mlp,

    /// <summary>The <see cref="CareerTfidfClassifier"/>: TF-IDF with a one-vs-rest linear SVM.</summary>
    Tfidf,
}

/// <summary>
/// The career model's TF-IDF classifier: <see cref="CareerTextFeatures"/> fitted on the training texts, a one-vs-rest linear SVM
/// (<see cref="LinearSvmTrainer"/>) over it, and a temperature fitted on out-of-fold decision values, so that the softmax of
/// decision values / temperature is a calibrated probability. Immutable and thread-safe.
/// </summary>
public sealed class CareerTfidfClassifier
{
    private readonly LinearSvmModel _svm;

    internal CareerTfidfClassifier(CareerTextFeatures features, LinearSvmModel svm, double cost, float temperature)
    {
        if (svm.Features != features.Count) throw new ArgumentException("The SVM's features do not match the vectorizer's terms.");
        if (!(temperature > 0) || !float.IsFinite(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        if (!(cost > 0)) throw new ArgumentOutOfRangeException(nameof(cost), cost, "C must be positive.");
        (Features, _svm, Cost, Temperature) = (features, svm, cost, temperature);
    }

    /// <summary>The fitted features (TF-IDF of the text, and of its headline when cross-validation chose one).</summary>
    public CareerTextFeatures Features { get; }

    /// <summary>Number of careers (output classes).</summary>
    public int Classes => _svm.Classes;

    /// <summary>The SVM's C (chosen by cross-validation).</summary>
    public double Cost { get; }

    /// <summary>Divides the decision values before the softmax.</summary>
    public float Temperature { get; }

    /// <summary>A short description, e.g. <c>tfidf(5000, 1-2, sublinear)+svm(C=0.3, balanced)</c>.</summary>
    public string Describe() => $"{Features.Describe()}+svm(C={Cost:0.###}, balanced)";

    /// <summary>The SVM's decision values of <paramref name="text"/>, one per career.</summary>
    public float[] DecisionValues(string text) => _svm.Scores(Features.Transform(text));

    /// <summary>Calibrated probabilities (softmax of decision values / <see cref="Temperature"/>) of <paramref name="text"/>.</summary>
    public float[] Probabilities(string text)
    {
        var p = DecisionValues(text);
        Numerics.StableSoftMax.Apply(p, Temperature, p);
        return p;
    }

    internal void AppendTo(IncrementalHash hash)
    {
        Features.AppendTo(hash, body =>
        {
            var o = body.Options;
            return $"tfidf-svm {_svm.Features} {Classes} {Cost:R} {Temperature:R} {o.MaxFeatures} {o.NGramMin} {o.NGramMax} {o.EnglishStopWords} {o.Lowercase} {o.SmoothIdf} {o.SublinearTf} {o.L2Normalize}\n";
        });
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_svm.Weights));
    }

    internal CareerSvmArtifact Header => new(_svm.Features, Classes, Cost, Temperature);

    /// <summary>The <c>svm_weights</c> tensor: classes × (features + 1).</summary>
    internal TensorArtifact ToTensor() => TensorArtifact.Float32(_svm.Weights, Classes, _svm.Features + 1);

    internal static CareerTfidfClassifier FromArtifact(CareerArtifact a)
    {
        var vectorizer = CareerTextFeatures.FromArtifact(a.Tfidf ?? throw new InvalidDataException("No tfidf."), a.Headline);
        var o = a.Svm ?? throw new InvalidDataException("No svm.");
        int features = o.Features, classes = o.Classes;
        if (features != vectorizer.Count || features > 1 << 22 || classes is < 2 or > 100_000) throw new InvalidDataException("SVM sizes out of range.");
        var weights = (a.SvmWeights ?? throw new InvalidDataException("No svm_weights.")).ToFloat32("svm_weights", classes, features + 1);
        return new CareerTfidfClassifier(vectorizer, new LinearSvmModel(weights, features, classes), o.C, o.Temperature);
    }

}
