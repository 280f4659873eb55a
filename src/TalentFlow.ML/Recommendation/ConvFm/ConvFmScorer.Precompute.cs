using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>Building the tables: BatchNorm folded into the Linear layers, and each field value's row.</content>
public sealed unsafe partial class ConvFmScorer
{
    /// <summary>Field values whose rows are computed in one matrix product (bounds the scratch).</summary>
    private const int TableChunk = 256;

    private readonly int[] _vocabularySizes;
    private readonly int _dim;
    private readonly int _filters;
    private readonly int _firstWidth;

    /// <summary>Per field: [value, row] with row = conv shares at the touched positions, first-layer share, embedding.</summary>
    private readonly float[][] _tables;
    private readonly nint[] _tableBase;
    private readonly int[] _rowLength;
    private readonly int[] _firstOffset;
    private readonly int[] _embeddingOffset;

    /// <summary>Per field and value: its linear weight (none for skills) − ½‖e‖².</summary>
    private readonly float[][] _wide;
    private readonly float _bias;

    /// <summary>Conv terms by output position t: entries [_termStart[t], _termStart[t + 1]) name a field and a row offset.</summary>
    private readonly int[] _termStart;
    private readonly int[] _termField;
    private readonly int[] _termOffset;
    private readonly float[] _convBias;

    /// <summary>
    /// The deep layers with BatchNorm folded in. Layer 0 holds only the conv features' columns (scaled by 1/length, the
    /// average pool) and its bias; its embedding columns are in the field rows. The last layer is the output (width 1).
    /// </summary>
    private readonly Layer[] _layers;

    internal ConvFmScorer(ConvFmNetwork<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        const int fields = ConvFmFields.Count;
        _vocabularySizes = [.. network.VocabularySizes];
        _dim = network.Dim;
        _filters = network.Filters;
        var length = network.ConvLength;
        var eps = network.Options.BatchNormEpsilon;

        _layers = FoldLayers(network, eps);
        var first = network.HiddenCount > 0 ? Folded(network, 0, eps) : Output(network);
        _firstWidth = first.Out;
        var firstWeight = first.Weight;
        var firstInput = network.DeepInput;

        // Conv features' share of the first layer, transposed to [filter, unit], with the average pool's 1/length folded in.
        var convToFirst = new float[_filters * _firstWidth];
        for (var c = 0; c < _filters; c++)
        {
            for (var o = 0; o < _firstWidth; o++)
            {
                convToFirst[(c * _firstWidth) + o] = (float)(firstWeight[(o * firstInput) + (_dim * fields) + c] / length);
            }
        }

        _layers[0] = new Layer(_filters, _firstWidth, convToFirst, [.. first.Bias.Select(b => (float)b)], network.HiddenCount > 0);

        // Which output positions each field touches: t with 0 ≤ f − t + padding < kernel.
        var low = new int[fields];
        var count = new int[fields];
        for (var f = 0; f < fields; f++)
        {
            low[f] = Math.Max(0, f + network.Padding - network.Kernel + 1);
            var high = Math.Min(length - 1, f + network.Padding);
            count[f] = Math.Max(0, high - low[f] + 1);
        }

        var terms = new List<(int T, int Field, int Offset)>();
        for (var t = 0; t < length; t++)
        {
            for (var f = 0; f < fields; f++)
            {
                if (t >= low[f] && t < low[f] + count[f])
                {
                    terms.Add((t, f, (t - low[f]) * _filters));
                }
            }
        }

        _termStart = new int[length + 1];
        foreach (var term in terms)
        {
            _termStart[term.T + 1]++;
        }

        for (var t = 0; t < length; t++)
        {
            _termStart[t + 1] += _termStart[t];
        }

        _termField = [.. terms.Select(x => x.Field)];
        _termOffset = [.. terms.Select(x => x.Offset)];
        _convBias = [.. network.Find("conv.bias").Data];

        string[] names = ["user", "job", "skill", "loc", "comp"];
        int?[] linear = [0, 1, null, 2, 3];
        var convWeight = network.Find("conv.weight").Data;
        _bias = network.Find("bias").Data[0];
        _tables = new float[fields][];
        _tableBase = new nint[fields];
        _rowLength = new int[fields];
        _firstOffset = new int[fields];
        _embeddingOffset = new int[fields];
        _wide = new float[fields][];
        long bytes = 0;
        for (var f = 0; f < fields; f++)
        {
            var embedding = network.Find($"{names[f]}.weight").Data;
            var lin = linear[f] is { } l ? network.Find($"lin.{l}.weight").Data : null;

            // Projection [dim, shares]: conv weight at kernel tap f − t + padding for each touched t, then the first layer's
            // columns d·5 + f.
            var shares = (count[f] * _filters) + _firstWidth;
            var projection = new float[_dim * shares];
            for (var d = 0; d < _dim; d++)
            {
                for (var t = low[f]; t < low[f] + count[f]; t++)
                {
                    var k = f - t + network.Padding;
                    for (var c = 0; c < _filters; c++)
                    {
                        projection[(d * shares) + ((t - low[f]) * _filters) + c] = convWeight[(((c * _dim) + d) * network.Kernel) + k];
                    }
                }

                for (var o = 0; o < _firstWidth; o++)
                {
                    projection[(d * shares) + (count[f] * _filters) + o] = (float)firstWeight[(o * firstInput) + (d * fields) + f];
                }
            }

            _firstOffset[f] = count[f] * _filters;
            _embeddingOffset[f] = shares;
            _rowLength[f] = shares + _dim;
            _tables[f] = BuildTable(embedding, _vocabularySizes[f], projection, shares, _dim);
            _tableBase[f] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_tables[f]));
            _wide[f] = new float[_vocabularySizes[f]];
            for (var v = 0; v < _vocabularySizes[f]; v++)
            {
                var squares = 0.0;
                for (var d = 0; d < _dim; d++)
                {
                    squares += (double)embedding[(v * _dim) + d] * embedding[(v * _dim) + d];
                }

                _wide[f][v] = (float)((lin is null ? 0 : lin[v]) - (0.5 * squares));
            }

            bytes += (_tables[f].Length + _wide[f].Length) * sizeof(float);
        }

        foreach (var layer in _layers)
        {
            bytes += (layer.WeightT.Length + layer.Bias.Length) * sizeof(float);
        }

        TableBytes = bytes;
    }

    /// <summary>Rows [value, shares | embedding] = embedding · projection, then the embedding itself; pinned (read by pointer).</summary>
    private static float[] BuildTable(float[] embedding, int values, float[] projection, int shares, int dim)
    {
        var row = shares + dim;
        var table = GC.AllocateArray<float>(values * row, pinned: true);
        var scratch = new float[TableChunk * shares];
        for (var start = 0; start < values; start += TableChunk)
        {
            var n = Math.Min(TableChunk, values - start);
            Array.Clear(scratch);
            MatrixKernels.MultiplyAdd(embedding.AsSpan(start * dim, n * dim), projection, scratch, n, dim, shares);
            for (var i = 0; i < n; i++)
            {
                var target = table.AsSpan((start + i) * row, row);
                scratch.AsSpan(i * shares, shares).CopyTo(target);
                embedding.AsSpan((start + i) * dim, dim).CopyTo(target[shares..]);
            }
        }

        return table;
    }

    /// <summary>The deep layers after the first, BatchNorm folded, transposed; slot 0 is left for the conv-feature part.</summary>
    private static Layer[] FoldLayers(ConvFmNetwork<float> network, double eps)
    {
        var layers = new Layer[network.HiddenCount + 1];
        for (var i = 1; i <= network.HiddenCount; i++)
        {
            var (weight, bias, outputs) = i < network.HiddenCount ? Folded(network, i, eps) : Output(network);
            var inputs = weight.Length / outputs;
            var transposed = new float[weight.Length];
            for (var o = 0; o < outputs; o++)
            {
                for (var k = 0; k < inputs; k++)
                {
                    transposed[(k * outputs) + o] = (float)weight[(o * inputs) + k];
                }
            }

            layers[i] = new Layer(inputs, outputs, transposed, [.. bias.Select(b => (float)b)], i < network.HiddenCount);
        }

        return layers;
    }

    /// <summary>Hidden layer i as one Linear: W' = s·W, b' = s·(b − μ) + β with s = γ/√(σ² + ε) (evaluation-mode BatchNorm).</summary>
    private static (double[] Weight, double[] Bias, int Out) Folded(ConvFmNetwork<float> network, int i, double eps)
    {
        var w = network.Find($"deep.{4 * i}.weight").Data;
        var b = network.Find($"deep.{4 * i}.bias").Data;
        var gamma = network.Find($"deep.{(4 * i) + 1}.weight").Data;
        var beta = network.Find($"deep.{(4 * i) + 1}.bias").Data;
        var mean = network.Find($"deep.{(4 * i) + 1}.running_mean").Data;
        var variance = network.Find($"deep.{(4 * i) + 1}.running_var").Data;
        var outputs = b.Length;
        var inputs = w.Length / outputs;
        var weight = new double[w.Length];
        var bias = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            var scale = gamma[o] / Math.Sqrt(variance[o] + eps);
            for (var k = 0; k < inputs; k++)
            {
                weight[(o * inputs) + k] = scale * w[(o * inputs) + k];
            }

            bias[o] = (scale * (b[o] - mean[o])) + beta[o];
        }

        return (weight, bias, outputs);
    }

    private static (double[] Weight, double[] Bias, int Out) Output(ConvFmNetwork<float> network)
    {
        var name = $"deep.{4 * network.HiddenCount}";
        return ([.. network.Find($"{name}.weight").Data.Select(x => (double)x)], [network.Find($"{name}.bias").Data[0]], 1);
    }

    /// <summary>A folded Linear layer: <see cref="WeightT"/> is [in, out].</summary>
    private sealed record Layer(int In, int Out, float[] WeightT, float[] Bias, bool Relu);
}
