using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TalentFlow.ML.Onnx.Graph;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// The frozen bottom of the encoder on ONNX Runtime: the same graph with the hidden state entering layer
/// <c>firstTrainable</c> made its only output (the layers above are pruned by the runtime), so each text's frozen part
/// runs once and its hidden states (<c>[tokens, hidden]</c>) are cached for every epoch.
/// </summary>
internal sealed class FrozenLayers : IDisposable
{
    private const int MaxBatchTexts = 32, MaxBatchTokens = 4096;
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly bool _hasTokenTypes;

    public FrozenLayers(OnnxModelGraph graph, int firstTrainable, int threads)
    {
        HiddenStateName = graph.MatMulInputFor(string.Create(CultureInfo.InvariantCulture, $"encoder.layer.{firstTrainable}.attention.self.query.bias"));
        var bytes = graph.Write(extraOutputs: [HiddenStateName], keepOutputs: false);
        _options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
            IntraOpNumThreads = Math.Max(1, threads),
        };
        try
        {
            _session = new InferenceSession(bytes, _options);
        }
        catch
        {
            _options.Dispose();
            throw;
        }

        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
    }

    /// <summary>The graph value exposed: the last frozen layer's output.</summary>
    public string HiddenStateName { get; }

    /// <summary>Hidden states of each token sequence (<c>[length, hidden]</c>, row-major), in input order.</summary>
    public float[][] Run(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        var result = new float[sequences.Count][];
        for (var start = 0; start < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            while (end < order.Length && end - start < MaxBatchTexts && (end - start + 1) * sequences[order[end]].Length <= MaxBatchTokens)
            {
                end++;
            }

            end = Math.Max(end, start + 1);
            RunBatch(sequences, order.AsSpan(start, end - start), result);
            start = end;
        }

        return result;
    }

    private void RunBatch(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> batch, float[][] result)
    {
        var width = 0;
        foreach (var i in batch)
        {
            width = Math.Max(width, sequences[i].Length);
        }

        var ids = new DenseTensor<long>([batch.Length, width]);
        var mask = new DenseTensor<long>([batch.Length, width]);
        for (var b = 0; b < batch.Length; b++)
        {
            var seq = sequences[batch[b]];
            for (var t = 0; t < seq.Length; t++)
            {
                ids[b, t] = seq[t];
                mask[b, t] = 1;
            }
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_hasTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([batch.Length, width])));
        }

        using var outputs = _session.Run(inputs, [HiddenStateName]);
        var hidden = outputs[0].AsTensor<float>();
        var h = hidden.Dimensions[2];
        var flat = hidden is DenseTensor<float> dense ? dense.Buffer.Span : hidden.ToArray();
        for (var b = 0; b < batch.Length; b++)
        {
            var n = sequences[batch[b]].Length;
            result[batch[b]] = flat.Slice(b * width * h, n * h).ToArray();
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
