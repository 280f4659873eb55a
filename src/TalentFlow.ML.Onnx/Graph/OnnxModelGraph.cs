using System.Buffers.Binary;
using System.Globalization;

namespace TalentFlow.ML.Onnx.Graph;

/// <summary>
/// An ONNX model read at the protobuf level, for the surgery fine-tuning needs and nothing more: find nodes and float32
/// initializers, read an initializer's values, and write the model back with some initializers replaced, extra graph
/// outputs and metadata added. Every other byte of the file is copied as it was (no ONNX or protobuf library involved).
/// </summary>
public sealed partial class OnnxModelGraph
{
    // ONNX field numbers (onnx.proto3): ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto.
    private const int ModelGraph = 7, ModelMetadata = 14;
    private const int GraphNode = 1, GraphInitializer = 5, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9, TensorDataLocation = 14;
    private const int ValueName = 1, ValueType = 2, TypeTensor = 1, TensorElemType = 1;
    private const int Float32 = 1;

    private readonly byte[] _bytes;
    private readonly ProtoField _graph;
    private readonly List<ProtoField> _graphFields;
    private readonly Dictionary<string, (ProtoField Field, long[] Dims, int DataType)> _initializers = new(StringComparer.Ordinal);

    private OnnxModelGraph(byte[] bytes)
    {
        _bytes = bytes;
        var model = ProtoWire.Fields(bytes, 0, bytes.Length);
        var graphs = model.Where(f => f.Number == ModelGraph && f.WireType == 2).ToArray();
        if (graphs.Length != 1)
        {
            throw new InvalidDataException("Not an ONNX model: no graph.");
        }

        _graph = graphs[0];
        _graphFields = ProtoWire.Fields(bytes, _graph.PayloadStart, _graph.End);
        var nodes = new List<OnnxNode>();
        var outputs = new List<string>();
        foreach (var field in _graphFields)
        {
            switch (field.Number)
            {
                case GraphNode:
                    nodes.Add(ReadNode(field));
                    break;
                case GraphInitializer:
                    ReadInitializer(field);
                    break;
                case GraphOutput:
                    outputs.Add(ProtoWire.Fields(bytes, field.PayloadStart, field.End).Where(f => f.Number == ValueName)
                        .Select(f => ProtoWire.String(bytes, f)).FirstOrDefault() ?? "");
                    break;
            }
        }

        Nodes = nodes;
        Outputs = outputs;
    }

    /// <summary>The graph's nodes in file order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Names of the graph's outputs.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Names of all initializers.</summary>
    public IEnumerable<string> InitializerNames => _initializers.Keys;

    /// <summary>Reads a model file.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX protobuf.</exception>
    public static OnnxModelGraph Load(string path) => new(File.ReadAllBytes(path));

    /// <summary>Reads a model held in memory (the array is kept, not copied).</summary>
    public static OnnxModelGraph Parse(byte[] bytes) => new(bytes ?? throw new ArgumentNullException(nameof(bytes)));

    /// <summary>SHA-256 (lower-case hex) of the bytes the graph was read from.</summary>
    public string ComputeSha256() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_bytes));

    /// <summary>Whether the graph holds an initializer of that name.</summary>
    public bool HasInitializer(string name) => _initializers.ContainsKey(name);

    /// <summary>The shape of an initializer.</summary>
    public IReadOnlyList<long> Dims(string name) => Get(name).Dims;

    /// <summary>An initializer's float32 values (from <c>raw_data</c> or <c>float_data</c>), row-major.</summary>
    /// <exception cref="KeyNotFoundException">No such initializer.</exception>
    /// <exception cref="InvalidDataException">Not float32, or stored outside the file.</exception>
    public float[] ReadFloats(string name)
    {
        var (field, dims, type) = Get(name);
        if (type != Float32)
        {
            throw new InvalidDataException($"Initializer {name} is of ONNX type {type}, not float32.");
        }

        var count = dims.Aggregate(1L, (a, d) => a * d);
        var values = new float[count];
        var n = 0;
        foreach (var f in ProtoWire.Fields(_bytes, field.PayloadStart, field.End))
        {
            if (f.Number == TensorDataLocation && f.Varint != 0)
            {
                throw new InvalidDataException($"Initializer {name} is stored outside the model file.");
            }

            if (f.Number == TensorRawData)
            {
                if (f.PayloadLength != count * 4)
                {
                    throw new InvalidDataException($"Initializer {name} has {f.PayloadLength} bytes for {count} floats.");
                }

                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(_bytes.AsSpan(f.PayloadStart + (i * 4)));
                }

                return values;
            }

            if (f.Number == TensorFloatData)
            {
                if (f.WireType == 2)
                {
                    for (var p = f.PayloadStart; p + 4 <= f.End && n < count; p += 4)
                    {
                        values[n++] = BinaryPrimitives.ReadSingleLittleEndian(_bytes.AsSpan(p));
                    }
                }
                else if (n < count)
                {
                    values[n++] = BinaryPrimitives.ReadSingleLittleEndian(_bytes.AsSpan(f.PayloadStart));
                }
            }
        }

        return n == count ? values : throw new InvalidDataException($"Initializer {name} holds {n} of {count} floats.");
    }

    /// <summary>
    /// The initializer multiplied (as <c>MatMul</c>'s second input) into the product that an <c>Add</c> node adds
    /// <paramref name="biasName"/> to: how a PyTorch export names, by the bias, the unnamed weight of a Linear layer.
    /// </summary>
    /// <exception cref="InvalidDataException">No such MatMul/Add pair.</exception>
    public string MatMulWeightFor(string biasName) => FindMatMulFor(biasName).Inputs[1];

    /// <summary>The first input (the activations) of the MatMul whose product gets <paramref name="biasName"/> added.</summary>
    public string MatMulInputFor(string biasName) => FindMatMulFor(biasName).Inputs[0];

    private OnnxNode FindMatMulFor(string biasName)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        foreach (var add in Nodes.Where(n => n.OpType == "Add" && n.Inputs.Contains(biasName)))
        {
            foreach (var input in add.Inputs)
            {
                if (producers.TryGetValue(input, out var matMul) && matMul.OpType == "MatMul" && matMul.Inputs.Count == 2
                    && _initializers.ContainsKey(matMul.Inputs[1]))
                {
                    return matMul;
                }
            }
        }

        throw new InvalidDataException($"No MatMul + Add({biasName}) in the graph.");
    }

    /// <summary>
    /// Writes the model with <paramref name="replacements"/> (initializer name → new float32 values, same shape) stored as
    /// <c>raw_data</c>, <paramref name="extraOutputs"/> appended to the graph's outputs (float32 tensors, shape left to the
    /// runtime) and <paramref name="metadata"/> appended to the model's <c>metadata_props</c>. With
    /// <paramref name="keepOutputs"/> false the graph's own outputs are dropped, so the runtime prunes every node that only
    /// they needed (the layers above an extra output).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown initializer, or values of the wrong length.</exception>
    public byte[] Write(IReadOnlyDictionary<string, float[]>? replacements = null, IReadOnlyList<string>? extraOutputs = null,
        IReadOnlyDictionary<string, string>? metadata = null, bool keepOutputs = true)
    {
        replacements ??= new Dictionary<string, float[]>();
        foreach (var (name, values) in replacements)
        {
            if (!_initializers.TryGetValue(name, out var init))
            {
                throw new ArgumentException($"No initializer {name}.", nameof(replacements));
            }

            if (init.Dims.Aggregate(1L, (a, d) => a * d) != values.Length || init.DataType != Float32)
            {
                throw new ArgumentException($"Initializer {name} needs {string.Join('x', init.Dims)} float32 values, got {values.Length}.", nameof(replacements));
            }
        }

        using var graph = new MemoryStream(_graph.PayloadLength + 4096);
        foreach (var field in _graphFields)
        {
            if (field.Number == GraphOutput && !keepOutputs)
            {
                continue;
            }

            if (field.Number == GraphInitializer && ReplacementFor(field, replacements) is { } values)
            {
                ProtoWire.WriteBytesField(graph, GraphInitializer, RewriteTensor(field, values));
            }
            else
            {
                graph.Write(_bytes, field.Start, field.End - field.Start);
            }
        }

        foreach (var output in extraOutputs ?? [])
        {
            ProtoWire.WriteBytesField(graph, GraphOutput, FloatValueInfo(output));
        }

        using var model = new MemoryStream(_bytes.Length + 4096);
        foreach (var field in ProtoWire.Fields(_bytes, 0, _bytes.Length))
        {
            if (field.Number == ModelGraph)
            {
                ProtoWire.WriteBytesField(model, ModelGraph, graph.GetBuffer().AsSpan(0, (int)graph.Length));
            }
            else
            {
                model.Write(_bytes, field.Start, field.End - field.Start);
            }
        }

        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            using var entry = new MemoryStream();
            ProtoWire.WriteStringField(entry, 1, key);
            ProtoWire.WriteStringField(entry, 2, value);
            ProtoWire.WriteBytesField(model, ModelMetadata, entry.ToArray());
        }

        return model.ToArray();
    }

    private float[]? ReplacementFor(ProtoField field, IReadOnlyDictionary<string, float[]> replacements)
    {
        foreach (var f in ProtoWire.Fields(_bytes, field.PayloadStart, field.End))
        {
            if (f.Number == TensorName)
            {
                return replacements.TryGetValue(ProtoWire.String(_bytes, f), out var values) ? values : null;
            }
        }

        return null;
    }

    private byte[] RewriteTensor(ProtoField tensor, float[] values)
    {
        using var output = new MemoryStream(values.Length * 4 + 256);
        foreach (var f in ProtoWire.Fields(_bytes, tensor.PayloadStart, tensor.End))
        {
            if (f.Number is not (TensorRawData or TensorFloatData))
            {
                output.Write(_bytes, f.Start, f.End - f.Start);
            }
        }

        ProtoWire.WriteBytesField(output, TensorRawData, ProtoWire.FloatBytes(values));
        return output.ToArray();
    }

    private static byte[] FloatValueInfo(string name)
    {
        using var tensorType = new MemoryStream();
        ProtoWire.WriteVarintField(tensorType, TensorElemType, Float32);
        using var type = new MemoryStream();
        ProtoWire.WriteBytesField(type, TypeTensor, tensorType.ToArray());
        using var info = new MemoryStream();
        ProtoWire.WriteStringField(info, ValueName, name);
        ProtoWire.WriteBytesField(info, ValueType, type.ToArray());
        return info.ToArray();
    }

    private OnnxNode ReadNode(ProtoField field)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        foreach (var f in ProtoWire.Fields(_bytes, field.PayloadStart, field.End))
        {
            switch (f.Number)
            {
                case NodeInput:
                    inputs.Add(ProtoWire.String(_bytes, f));
                    break;
                case NodeOutput:
                    outputs.Add(ProtoWire.String(_bytes, f));
                    break;
                case NodeOpType:
                    op = ProtoWire.String(_bytes, f);
                    break;
            }
        }

        return new OnnxNode(op, inputs, outputs);
    }

    private void ReadInitializer(ProtoField field)
    {
        string? name = null;
        var dims = new List<long>();
        var type = 0;
        foreach (var f in ProtoWire.Fields(_bytes, field.PayloadStart, field.End))
        {
            switch (f.Number)
            {
                case TensorName:
                    name = ProtoWire.String(_bytes, f);
                    break;
                case TensorDims:
                    ProtoWire.AddVarints(_bytes, f, dims);
                    break;
                case TensorDataType:
                    type = (int)f.Varint;
                    break;
            }
        }

        if (name is not null)
        {
            _initializers[name] = (field, [.. dims], type);
        }
    }

    private (ProtoField Field, long[] Dims, int DataType) Get(string name) =>
        _initializers.TryGetValue(name, out var init) ? init
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"The graph has no initializer {name}."));
}

/// <summary>A node of the graph: operator and the names of its inputs and outputs.</summary>
/// <param name="OpType">Operator, e.g. <c>MatMul</c>.</param>
/// <param name="Inputs">Input value names.</param>
/// <param name="Outputs">Output value names.</param>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
