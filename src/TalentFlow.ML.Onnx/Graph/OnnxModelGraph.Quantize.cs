namespace TalentFlow.ML.Onnx.Graph;

public sealed partial class OnnxModelGraph
{
    // More ONNX field numbers: ModelProto.opset_import, GraphProto.input, NodeProto.name/domain, OperatorSetIdProto.
    private const int ModelOpsetImport = 8, GraphInput = 11, NodeName = 3, NodeDomain = 7, OpsetDomain = 1, OpsetVersion = 2;
    private const int Int8 = 3;
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>
    /// The MatMul nodes int8 quantisation rewrites: a float32 activation times a constant float32 matrix <c>[K, N]</c> (the
    /// dense layers). Products of two activations (attention's <c>Q·Kᵀ</c> and <c>softmax·V</c>) and the embedding
    /// gathers are not MatMuls with a constant and stay float32.
    /// </summary>
    public IReadOnlyList<OnnxNode> QuantizableMatMuls() =>
        [.. Nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && IsFloatMatrix(n.Inputs[1]) && !IsFloatMatrix(n.Inputs[0]))];

    /// <summary>
    /// Writes the model with dynamic int8 quantisation of its dense layers, what ONNX Runtime's Python
    /// <c>quantize_dynamic</c> produces, done here because that quantiser cannot run on these machines: every
    /// <see cref="QuantizableMatMuls"/> becomes a <c>com.microsoft.DynamicQuantizeMatMul</c> whose weight is stored as
    /// symmetric int8 (zero point 0) with one float scale per output column (<paramref name="perColumn"/>) or one for the
    /// whole matrix; at run time ONNX Runtime quantises the activations to uint8 per call (their own scale and zero point)
    /// and multiplies in integers. With <paramref name="foldBias"/> a bias <c>Add</c> that only follows the product becomes
    /// the node's bias input. The float weights are dropped, so the file shrinks about 4× in its dense layers.
    /// </summary>
    /// <param name="perColumn">One scale per output column (default) or one per matrix.</param>
    /// <param name="foldBias">Fold a following bias <c>Add</c> into the node.</param>
    /// <param name="include">Which of <see cref="QuantizableMatMuls"/> to rewrite; all when <see langword="null"/>.</param>
    /// <returns>The model's bytes and how many MatMuls were rewritten.</returns>
    public (byte[] Model, int Quantized) WriteInt8(bool perColumn = true, bool foldBias = true, Func<OnnxNode, bool>? include = null)
    {
        var targets = QuantizableMatMuls().Where(n => include?.Invoke(n) ?? true).ToArray();
        var targetByOutput = targets.ToDictionary(n => n.Outputs[0], StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        var graphOutputs = new HashSet<string>(Outputs, StringComparer.Ordinal);
        // MatMul → (bias name, the Add it replaces); the Add's own output becomes the quantised node's output.
        var folded = new Dictionary<OnnxNode, (string Bias, OnnxNode Add)>();
        if (foldBias)
        {
            foreach (var matMul in targets)
            {
                var y = matMul.Outputs[0];
                if (graphOutputs.Contains(y) || !consumers.TryGetValue(y, out var users) || users.Count != 1 || users[0] is not { OpType: "Add" } add
                    || add.Inputs.Count != 2)
                {
                    continue;
                }

                var bias = add.Inputs[0] == y ? add.Inputs[1] : add.Inputs[0];
                var n = Get(matMul.Inputs[1]).Dims[1];
                if (_initializers.TryGetValue(bias, out var b) && b.DataType == Float32 && b.Dims is [var length] && length == n)
                {
                    folded[matMul] = (bias, add);
                }
            }
        }

        var removedAdds = new HashSet<OnnxNode>(folded.Values.Select(v => v.Add));
        // A float weight goes only when nothing else reads it (a tied matrix would still need it).
        var weights = targets.Select(t => t.Inputs[1]).Distinct(StringComparer.Ordinal).ToArray();
        var dropped = new HashSet<string>(weights.Where(w => consumers[w].All(c => targets.Contains(c))), StringComparer.Ordinal);

        using var graph = new MemoryStream(_graph.PayloadLength / 3 + 4096);
        var nodeIndex = 0;
        foreach (var field in _graphFields)
        {
            switch (field.Number)
            {
                case GraphNode:
                    var node = Nodes[nodeIndex++];
                    if (removedAdds.Contains(node))
                    {
                        continue;
                    }

                    if (targetByOutput.TryGetValue(node.Outputs[0], out var target) && ReferenceEquals(target, node))
                    {
                        ProtoWire.WriteBytesField(graph, GraphNode, QuantizedNode(field, node, folded.TryGetValue(node, out var f) ? f : null));
                        continue;
                    }

                    break;
                case GraphInitializer when dropped.Contains(InitializerName(field)):
                case GraphInput when dropped.Contains(ValueInfoName(field)):
                    continue;
            }

            graph.Write(_bytes, field.Start, field.End - field.Start);
        }

        foreach (var weight in weights)
        {
            var (q, scales) = QuantizeColumns(ReadFloats(weight), Get(weight).Dims, perColumn);
            ProtoWire.WriteBytesField(graph, GraphInitializer, Tensor(QuantizedName(weight), Get(weight).Dims, Int8, (byte[])(Array)q));
            ProtoWire.WriteBytesField(graph, GraphInitializer, Tensor(ScaleName(weight), perColumn ? [scales.Length] : [], Float32, ProtoWire.FloatBytes(scales)));
        }

        using var model = new MemoryStream((int)graph.Length + 4096);
        var hasMicrosoftOpset = false;
        foreach (var field in ProtoWire.Fields(_bytes, 0, _bytes.Length))
        {
            if (field.Number == ModelOpsetImport)
            {
                hasMicrosoftOpset |= ProtoWire.Fields(_bytes, field.PayloadStart, field.End)
                    .Any(f => f.Number == OpsetDomain && ProtoWire.String(_bytes, f) == MicrosoftDomain);
            }

            if (field.Number == ModelGraph)
            {
                ProtoWire.WriteBytesField(model, ModelGraph, graph.GetBuffer().AsSpan(0, (int)graph.Length));
            }
            else
            {
                model.Write(_bytes, field.Start, field.End - field.Start);
            }
        }

        if (!hasMicrosoftOpset)
        {
            using var opset = new MemoryStream();
            ProtoWire.WriteStringField(opset, OpsetDomain, MicrosoftDomain);
            ProtoWire.WriteVarintField(opset, OpsetVersion, 1);
            ProtoWire.WriteBytesField(model, ModelOpsetImport, opset.ToArray());
        }

        return (model.ToArray(), targets.Length);
    }

    /// <summary>
    /// Symmetric int8 of a row-major <c>[K, N]</c> matrix: scale = max |w| / 127 per column (or over the whole matrix), q =
    /// round(w / scale). 127 and not 128 keeps the range symmetric, so −q is always representable.
    /// </summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeColumns(float[] w, IReadOnlyList<long> dims, bool perColumn)
    {
        int k = checked((int)dims[0]), n = checked((int)dims[1]);
        var maxAbs = new float[perColumn ? n : 1];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var i = perColumn ? c : 0;
                maxAbs[i] = Math.Max(maxAbs[i], Math.Abs(w[(r * n) + c]));
            }
        }

        var scales = Array.ConvertAll(maxAbs, m => m > 0 ? m / 127f : 1f);
        var q = new sbyte[w.Length];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var v = MathF.Round(w[(r * n) + c] / scales[perColumn ? c : 0], MidpointRounding.ToEven);
                q[(r * n) + c] = (sbyte)Math.Clamp(v, -127f, 127f);
            }
        }

        return (q, scales);
    }

    private byte[] QuantizedNode(ProtoField field, OnnxNode node, (string Bias, OnnxNode Add)? fold)
    {
        using var output = new MemoryStream();
        var weight = node.Inputs[1];
        foreach (var input in fold is { } f
            ? new[] { node.Inputs[0], QuantizedName(weight), ScaleName(weight), "", f.Bias }
            : [node.Inputs[0], QuantizedName(weight), ScaleName(weight)])
        {
            ProtoWire.WriteStringField(output, NodeInput, input);
        }

        ProtoWire.WriteStringField(output, NodeOutput, fold is { } g ? g.Add.Outputs[0] : node.Outputs[0]);
        var name = ProtoWire.Fields(_bytes, field.PayloadStart, field.End).Where(x => x.Number == NodeName)
            .Select(x => ProtoWire.String(_bytes, x)).FirstOrDefault() ?? node.Outputs[0];
        ProtoWire.WriteStringField(output, NodeName, name + "_int8");
        ProtoWire.WriteStringField(output, NodeOpType, "DynamicQuantizeMatMul");
        ProtoWire.WriteStringField(output, NodeDomain, MicrosoftDomain);
        return output.ToArray();
    }

    private static byte[] Tensor(string name, IReadOnlyList<long> dims, int dataType, byte[] raw)
    {
        using var output = new MemoryStream(raw.Length + 128);
        foreach (var d in dims)
        {
            ProtoWire.WriteVarintField(output, TensorDims, (ulong)d);
        }

        ProtoWire.WriteVarintField(output, TensorDataType, (ulong)dataType);
        ProtoWire.WriteStringField(output, TensorName, name);
        ProtoWire.WriteBytesField(output, TensorRawData, raw);
        return output.ToArray();
    }

    private bool IsFloatMatrix(string name) =>
        _initializers.TryGetValue(name, out var init) && init.DataType == Float32 && init.Dims.Length == 2;

    private string InitializerName(ProtoField field) =>
        ProtoWire.Fields(_bytes, field.PayloadStart, field.End).Where(f => f.Number == TensorName)
            .Select(f => ProtoWire.String(_bytes, f)).FirstOrDefault() ?? "";

    private string ValueInfoName(ProtoField field) =>
        ProtoWire.Fields(_bytes, field.PayloadStart, field.End).Where(f => f.Number == ValueName)
            .Select(f => ProtoWire.String(_bytes, f)).FirstOrDefault() ?? "";

    private static string QuantizedName(string weight) => weight + "_quantized";

    private static string ScaleName(string weight) => weight + "_scale";
}
