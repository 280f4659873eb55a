using System.Numerics.Tensors;
using TalentFlow.ML.Semantic;

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

    internal void Write(EncoderArtifactWriter artifact)
    {
        var json = artifact.Json;
        json.WriteStartObject("classifier");
        json.WriteNumber("inputs", Inputs);
        json.WriteNumber("hidden", Hidden);
        json.WriteNumber("classes", Classes);
        json.WriteNumber("temperature", Temperature);
        json.WriteEndObject();
        artifact.Tensor("mean", _mean, Inputs);
        artifact.Tensor("scale", _scale, Inputs);
        artifact.Tensor("w1", _w1, Hidden, Inputs);
        artifact.Tensor("b1", _b1, Hidden);
        artifact.Tensor("w2", _w2, Classes, Hidden);
        artifact.Tensor("b2", _b2, Classes);
    }

    internal static CareerClassifier Read(EncoderArtifactReader artifact)
    {
        var o = artifact.Root.GetProperty("classifier");
        int inputs = o.GetProperty("inputs").GetInt32(), hidden = o.GetProperty("hidden").GetInt32(), classes = o.GetProperty("classes").GetInt32();
        if (inputs is < 1 or > 1 << 20 || hidden is < 1 or > 8192 || classes is < 2 or > 100_000) throw EncoderArtifactReader.Corrupt("Classifier sizes out of range.");
        return new CareerClassifier(inputs, hidden, classes, artifact.Float32("mean", inputs), artifact.Float32("scale", inputs),
            artifact.Float32("w1", hidden, inputs), artifact.Float32("b1", hidden), artifact.Float32("w2", classes, hidden), artifact.Float32("b2", classes),
            o.GetProperty("temperature").GetSingle());
    }
}
