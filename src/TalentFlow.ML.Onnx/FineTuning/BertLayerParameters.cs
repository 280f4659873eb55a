using System.Globalization;
using TalentFlow.ML.Onnx.Graph;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>The shape of a BERT layer.</summary>
/// <param name="Hidden">Hidden size (384 for MiniLM).</param>
/// <param name="Heads">Attention heads (12).</param>
/// <param name="Intermediate">Feed-forward width (1536).</param>
/// <param name="LayerNormEpsilon">LayerNorm epsilon (BERT: 1e-12).</param>
internal sealed record BertShape(int Hidden, int Heads, int Intermediate, float LayerNormEpsilon = 1e-12f)
{
    public int HeadSize => Hidden / Heads;
}

/// <summary>
/// One BERT layer's parameters in one flat array (so AdamW runs over one span), with its gradient beside it. Dense weights
/// are stored <c>[in, out]</c> as ONNX's MatMul has them; Q, K and V sit side by side in one <c>[hidden, 3·hidden]</c>
/// matrix so the three projections are one product. Transposed copies serve the backward pass.
/// </summary>
internal sealed class BertLayerParameters
{
    // Names below a layer's prefix, in the order of the flat array.
    private static readonly string[] DenseNames = ["attention.self.query", "attention.self.key", "attention.self.value",
        "attention.output.dense", "intermediate.dense", "output.dense"];

    public BertLayerParameters(BertShape shape)
    {
        Shape = shape;
        int h = shape.Hidden, i = shape.Intermediate, o = 0;
        Qkv = Take(ref o, h * 3 * h); QkvBias = Take(ref o, 3 * h);
        Out = Take(ref o, h * h); OutBias = Take(ref o, h);
        Ln1Gamma = Take(ref o, h); Ln1Beta = Take(ref o, h);
        Up = Take(ref o, h * i); UpBias = Take(ref o, i);
        Down = Take(ref o, i * h); DownBias = Take(ref o, h);
        Ln2Gamma = Take(ref o, h); Ln2Beta = Take(ref o, h);
        Values = new float[o];
        Gradients = new float[o];
        QkvT = new float[h * 3 * h];
        OutT = new float[h * h];
        UpT = new float[h * i];
        DownT = new float[i * h];
    }

    public BertShape Shape { get; }

    public float[] Values { get; }

    public float[] Gradients { get; }

    // (offset, length) of each tensor in Values/Gradients.
    public (int Offset, int Length) Qkv { get; }
    public (int Offset, int Length) QkvBias { get; }
    public (int Offset, int Length) Out { get; }
    public (int Offset, int Length) OutBias { get; }
    public (int Offset, int Length) Ln1Gamma { get; }
    public (int Offset, int Length) Ln1Beta { get; }
    public (int Offset, int Length) Up { get; }
    public (int Offset, int Length) UpBias { get; }
    public (int Offset, int Length) Down { get; }
    public (int Offset, int Length) DownBias { get; }
    public (int Offset, int Length) Ln2Gamma { get; }
    public (int Offset, int Length) Ln2Beta { get; }

    public float[] QkvT { get; }
    public float[] OutT { get; }
    public float[] UpT { get; }
    public float[] DownT { get; }

    /// <summary>Ranges AdamW's weight decay applies to: the dense weights, not biases or LayerNorm (as BERT's recipe).</summary>
    public IEnumerable<(int Offset, int Length)> DecayedRanges => [Qkv, Out, Up, Down];

    public Span<float> Value((int Offset, int Length) range) => Values.AsSpan(range.Offset, range.Length);

    public Span<float> Gradient((int Offset, int Length) range) => Gradients.AsSpan(range.Offset, range.Length);

    /// <summary>Refreshes the transposed weights after the values changed.</summary>
    public void Refresh()
    {
        int h = Shape.Hidden, i = Shape.Intermediate;
        Gemm.Transpose(Values, Qkv.Offset, h, 3 * h, QkvT);
        Gemm.Transpose(Values, Out.Offset, h, h, OutT);
        Gemm.Transpose(Values, Up.Offset, h, i, UpT);
        Gemm.Transpose(Values, Down.Offset, i, h, DownT);
    }

    /// <summary>Reads layer <paramref name="layer"/> (<c>encoder.layer.N.</c>) out of a BERT export.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing or of another shape.</exception>
    public static BertLayerParameters FromGraph(OnnxModelGraph graph, int layer, BertShape shape)
    {
        var p = new BertLayerParameters(shape);
        foreach (var (suffix, range, part) in p.Layout())
        {
            var name = GraphName(graph, layer, suffix);
            var read = graph.ReadFloats(name);
            if (read.Length != range.Length)
            {
                throw new InvalidDataException($"{name} has {read.Length} values, expected {range.Length}.");
            }

            p.Scatter(read, p.Values, range, part);
        }

        p.Refresh();
        return p;
    }

    /// <summary>The graph's initializers of this layer with the values to write there (copies, in the graph's layout).</summary>
    public Dictionary<string, float[]> ToGraphTensors(OnnxModelGraph graph, int layer) =>
        Tensors(Values).ToDictionary(x => GraphName(graph, layer, x.Key), x => x.Value, StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="source"/> (<see cref="Values"/> or <see cref="Gradients"/>) as named tensors in ONNX layout, keyed
    /// by the PyTorch name below the layer's prefix (<c>attention.self.query.weight</c>, ...; dense weights <c>[in, out]</c>).
    /// </summary>
    public Dictionary<string, float[]> Tensors(float[] source)
    {
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        int h = Shape.Hidden;
        foreach (var (suffix, range, part) in Layout())
        {
            if (part < 0)
            {
                tensors[suffix] = source.AsSpan(range.Offset, range.Length).ToArray();
                continue;
            }

            var w = new float[h * h];
            for (var r = 0; r < h; r++)
            {
                source.AsSpan(Qkv.Offset + (r * 3 * h) + (part * h), h).CopyTo(w.AsSpan(r * h, h));
            }

            tensors[suffix] = w;
        }

        return tensors;
    }

    private void Scatter(float[] tensor, float[] destination, (int Offset, int Length) range, int part)
    {
        if (part < 0)
        {
            tensor.CopyTo(destination.AsSpan(range.Offset, range.Length));
            return;
        }

        int h = Shape.Hidden;
        for (var r = 0; r < h; r++)
        {
            tensor.AsSpan(r * h, h).CopyTo(destination.AsSpan(Qkv.Offset + (r * 3 * h) + (part * h), h));
        }
    }

    /// <summary>A dense weight is unnamed in the export: it is found by the bias its product gets.</summary>
    private static string GraphName(OnnxModelGraph graph, int layer, string suffix)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"encoder.layer.{layer}.");
        return suffix.EndsWith(".weight", StringComparison.Ordinal) && !suffix.Contains("LayerNorm", StringComparison.Ordinal)
            ? graph.MatMulWeightFor(prefix + suffix[..^".weight".Length] + ".bias")
            : prefix + suffix;
    }

    /// <summary>
    /// Each tensor of the layer with its block of the flat array; Q, K and V weights (part 0, 1, 2) are column blocks of
    /// the fused matrix rather than one range (the range then only gives the length).
    /// </summary>
    private List<(string Suffix, (int Offset, int Length) Range, int QkvPart)> Layout()
    {
        int h = Shape.Hidden;
        var map = new List<(string, (int, int), int)>();
        for (var t = 0; t < 3; t++)
        {
            map.Add((DenseNames[t] + ".weight", (0, h * h), t));
            map.Add((DenseNames[t] + ".bias", (QkvBias.Offset + (t * h), h), -1));
        }

        map.Add((DenseNames[3] + ".weight", Out, -1));
        map.Add((DenseNames[3] + ".bias", OutBias, -1));
        map.Add(("attention.output.LayerNorm.weight", Ln1Gamma, -1));
        map.Add(("attention.output.LayerNorm.bias", Ln1Beta, -1));
        map.Add((DenseNames[4] + ".weight", Up, -1));
        map.Add((DenseNames[4] + ".bias", UpBias, -1));
        map.Add((DenseNames[5] + ".weight", Down, -1));
        map.Add((DenseNames[5] + ".bias", DownBias, -1));
        map.Add(("output.LayerNorm.weight", Ln2Gamma, -1));
        map.Add(("output.LayerNorm.bias", Ln2Beta, -1));
        return map;
    }

    private static (int Offset, int Length) Take(ref int offset, int length)
    {
        var range = (offset, length);
        offset += length;
        return range;
    }
}
