using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// The layout the embedded encoders' artifacts share: one JSON object with <c>format</c>, <c>version</c> and
/// <c>version_id</c>, then the encoder's fields — string lists as arrays, tensors as <c>{dtype, shape, data}</c> with base64
/// little-endian data (exact, and a third of the size of decimal text) — and last a SHA-256 over every string and tensor
/// byte in written order, so a damaged file is detected even when it still parses.
/// </summary>
internal sealed class EncoderArtifactWriter : IDisposable
{
    private readonly Utf8JsonWriter _json;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public EncoderArtifactWriter(Stream stream, string format, int version, string versionId)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        _json.WriteStartObject();
        _json.WriteString("format", format);
        _json.WriteNumber("version", version);
        _json.WriteString("version_id", versionId);
    }

    /// <summary>For plain fields (options, sizes), which the checksum does not cover: they are validated on load.</summary>
    public Utf8JsonWriter Json => _json;

    public void Strings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
            _hash.AppendData(Encoding.UTF8.GetBytes(value + "\n"));
        }

        _json.WriteEndArray();
    }

    public void Tensor(string name, ReadOnlySpan<float> data, params int[] shape)
    {
        var bytes = new byte[data.Length * sizeof(float)];
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        Write(name, "float32", bytes, shape);
    }

    public void Tensor(string name, ReadOnlySpan<double> data, params int[] shape)
    {
        var bytes = new byte[data.Length * sizeof(double)];
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), data[i]);
        Write(name, "float64", bytes, shape);
    }

    private void Write(string name, string dtype, byte[] bytes, int[] shape)
    {
        _hash.AppendData(bytes);
        _json.WriteStartObject(name);
        _json.WriteString("dtype", dtype);
        _json.WriteStartArray("shape");
        foreach (int s in shape) _json.WriteNumberValue(s);
        _json.WriteEndArray();
        _json.WriteBase64String("data", bytes);
        _json.WriteEndObject();
    }

    /// <summary>Writes the checksum and closes the object.</summary>
    public void Dispose()
    {
        _json.WriteString("sha256", Convert.ToHexStringLower(_hash.GetHashAndReset()));
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
        _hash.Dispose();
    }
}

/// <summary>Reads what <see cref="EncoderArtifactWriter"/> wrote, in the same order; every failure is an <see cref="EncoderArtifactException"/>.</summary>
internal sealed class EncoderArtifactReader : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public EncoderArtifactReader(JsonElement root, string format, int version)
    {
        Root = root;
        if (FormatOf(root) != format) throw Corrupt($"Not a {format} artifact.");
        int stored = root.GetProperty("version").GetInt32();
        if (stored != version)
        {
            throw new EncoderArtifactException(EncoderArtifactError.UnsupportedVersion,
                $"{format} version {stored} is not supported; this build reads version {version}.");
        }
    }

    public JsonElement Root { get; }

    /// <summary>The <c>format</c> of an artifact's root, or null when it has none.</summary>
    public static string? FormatOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    public static EncoderArtifactException Corrupt(string message, Exception? inner = null) => new(EncoderArtifactError.Corrupt, message, inner);

    /// <summary>Parses the stream, mapping unreadable JSON to <see cref="EncoderArtifactError.Corrupt"/>.</summary>
    public static JsonDocument Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw Corrupt($"Not a valid encoder artifact: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="read"/>, turning the exceptions a malformed document raises into a typed error.</summary>
    public static T Guard<T>(string format, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException
                                      or IndexOutOfRangeException or OverflowException or InvalidDataException)
        {
            throw Corrupt($"Not a valid {format} artifact: {e.Message}", e);
        }
    }

    public string[] Strings(string name)
    {
        var element = Root.GetProperty(name);
        var values = new string[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i] = item.GetString() ?? throw new FormatException($"A null string in '{name}'.");
            _hash.AppendData(Encoding.UTF8.GetBytes(values[i++] + "\n"));
        }

        return values;
    }

    public float[] Float32(string name, params int[] shape)
    {
        var bytes = Bytes(name, "float32", sizeof(float), shape);
        var data = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        return data;
    }

    public double[] Float64(string name, params int[] shape)
    {
        var bytes = Bytes(name, "float64", sizeof(double), shape);
        var data = new double[bytes.Length / sizeof(double)];
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return data;
    }

    /// <summary>Checks the checksum and that the rebuilt encoder has the version the artifact names.</summary>
    public void Verify(string versionId)
    {
        if (Root.GetProperty("sha256").GetString() != Convert.ToHexStringLower(_hash.GetHashAndReset())) throw Corrupt("Checksum mismatch.");
        if (Root.GetProperty("version_id").GetString() != versionId) throw Corrupt($"The weights give version {versionId}, the artifact names another.");
    }

    public void Dispose() => _hash.Dispose();

    private byte[] Bytes(string name, string dtype, int size, int[] shape)
    {
        var element = Root.GetProperty(name);
        var storedShape = new List<int>();
        foreach (var s in element.GetProperty("shape").EnumerateArray()) storedShape.Add(s.GetInt32());
        var bytes = element.GetProperty("data").GetBytesFromBase64();
        long expected = size;
        foreach (int s in shape) expected *= s;
        if (element.GetProperty("dtype").GetString() != dtype || !storedShape.SequenceEqual(shape) || bytes.Length != expected)
        {
            throw Corrupt($"Tensor '{name}' is {element.GetProperty("dtype").GetString()} [{string.Join(", ", storedShape)}] with {bytes.Length} bytes; expected {dtype} [{string.Join(", ", shape)}].");
        }

        _hash.AppendData(bytes);
        return bytes;
    }
}
