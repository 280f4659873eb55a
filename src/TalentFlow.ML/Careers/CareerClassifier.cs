using System.Numerics.Tensors;
using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Careers;

/// <summary>
/// The career classifier's parameters (<see cref="CareerClassifierTrainer"/> makes them): standardised inputs → one hidden
/// ReLU layer → softmax over careers, with a temperature that calibrates the probabilities. Immutable and thread-safe.
/// </summary>
public sealed class CareerClassifier
{
    private readonly float[] _mean, _scale, _w1, _b1, _w2, _b2;

    internal CareerClassifier(int inputs, int hidden, int classes, float[] mean, float[] scale, float[] w1, float[] b1, float[] w2, float[] b2, float temperature)
    {
        if (mean.Length != inputs || scale.Length != inputs || w1.Length != hidden * inputs || b1.Length != hidden || w2.Length != classes * hidden || b2.Length != classes)
        {
            throw new ArgumentException("Parameter shapes do not match the layer sizes.");
        }

        if (!(temperature > 0) || !float.IsFinite(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        (Inputs, Hidden, Classes, Temperature) = (inputs, hidden, classes, temperature);
        (_mean, _scale, _w1, _b1, _w2, _b2) = (mean, scale, w1, b1, w2, b2);
    }

    /// <summary>Input length.</summary>
    public int Inputs { get; }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Number of careers (output classes).</summary>
    public int Classes { get; }

    /// <summary>Divides the logits before the softmax; fitted on the validation fold (1 when there was none).</summary>
    public float Temperature { get; }

    /// <summary>The raw scores (before temperature and softmax) of <paramref name="x"/> into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<float> x, Span<float> logits)
    {
        if (x.Length != Inputs || logits.Length != Classes) throw new ArgumentException($"Need {Inputs} inputs and room for {Classes} scores.");
        Span<float> z = Inputs <= 2048 ? stackalloc float[Inputs] : new float[Inputs];
        TensorPrimitives.Subtract(x, _mean, z);
        TensorPrimitives.Multiply(z, _scale, z);
        Span<float> h = Hidden <= 2048 ? stackalloc float[Hidden] : new float[Hidden];
        for (int j = 0; j < Hidden; j++) h[j] = TensorPrimitives.Dot(_w1.AsSpan(j * Inputs, Inputs), z) + _b1[j];
        TensorPrimitives.Max(h, 0f, h);
        for (int c = 0; c < Classes; c++) logits[c] = TensorPrimitives.Dot(_w2.AsSpan(c * Hidden, Hidden), h) + _b2[c];
    }

    /// <summary>Calibrated probabilities (softmax of logits / <see cref="Temperature"/>) of <paramref name="x"/>.</summary>
    public void Probabilities(ReadOnlySpan<float> x, Span<float> destination)
    {
        Logits(x, destination);
        Numerics.StableSoftMax.Apply(destination, Temperature, destination);
    }

    /// <summary>Calibrated probabilities of <paramref name="x"/> as a new array.</summary>
    public float[] Probabilities(ReadOnlySpan<float> x)
    {
        var p = new float[Classes];
        Probabilities(x, p);
        return p;
    }

    internal CareerClassifier WithTemperature(float temperature) => new(Inputs, Hidden, Classes, _mean, _scale, _w1, _b1, _w2, _b2, temperature);

    internal void AppendTo(System.Security.Cryptography.IncrementalHash hash)
    {
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"mlp {Inputs} {Hidden} {Classes} {Temperature:R}\n"));
        foreach (var part in new[] { _mean, _scale, _w1, _b1, _w2, _b2 }) hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.AsSpan()));
    }

    internal CareerMlpArtifact Header => new(Inputs, Hidden, Classes, Temperature);

    /// <summary>mean, scale, w1, b1, w2, b2 — the order the artifact writes and checksums them.</summary>
    internal TensorArtifact[] ToTensors() =>
    [
        TensorArtifact.Float32(_mean, Inputs), TensorArtifact.Float32(_scale, Inputs), TensorArtifact.Float32(_w1, Hidden, Inputs),
        TensorArtifact.Float32(_b1, Hidden), TensorArtifact.Float32(_w2, Classes, Hidden), TensorArtifact.Float32(_b2, Classes),
    ];

    internal static CareerClassifier FromArtifact(CareerArtifact a)
    {
        var o = a.Classifier ?? throw new InvalidDataException("No classifier.");
        int inputs = o.Inputs, hidden = o.Hidden, classes = o.Classes;
        if (inputs is < 1 or > 1 << 20 || hidden is < 1 or > 8192 || classes is < 2 or > 100_000) throw new InvalidDataException("Classifier sizes out of range.");
        static TensorArtifact Need(TensorArtifact? t, string name) => t ?? throw new InvalidDataException($"No tensor '{name}'.");
        return new CareerClassifier(inputs, hidden, classes, Need(a.Mean, "mean").ToFloat32("mean", inputs), Need(a.Scale, "scale").ToFloat32("scale", inputs),
            Need(a.W1, "w1").ToFloat32("w1", hidden, inputs), Need(a.B1, "b1").ToFloat32("b1", hidden), Need(a.W2, "w2").ToFloat32("w2", classes, hidden),
            Need(a.B2, "b2").ToFloat32("b2", classes), o.Temperature);
    }

}
