using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace TalentFlow.ML.Artifacts;

/// <summary>
/// A tensor in an artifact: <c>{dtype, shape, data}</c> with <c>data</c> the base64 of its little-endian values (exact, and a
/// third of the size of decimal text).
/// </summary>
internal sealed record TensorArtifact(string Dtype, int[] Shape, byte[] Data)
{
    /// <summary>A float32 tensor.</summary>
    public static TensorArtifact Float32(ReadOnlySpan<float> values, params int[] shape) => new("float32", shape, Bytes(values));

    /// <summary>A float64 tensor.</summary>
    public static TensorArtifact Float64(ReadOnlySpan<double> values, params int[] shape) => new("float64", shape, Bytes(values));

    /// <summary>The little-endian bytes of <paramref name="values"/>.</summary>
    public static byte[] Bytes(ReadOnlySpan<float> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEach(MemoryMarshal.Cast<byte, int>(bytes.AsSpan()));
        return bytes;
    }

    /// <summary>The little-endian bytes of <paramref name="values"/>.</summary>
    public static byte[] Bytes(ReadOnlySpan<double> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEach(MemoryMarshal.Cast<byte, long>(bytes.AsSpan()));
        return bytes;
    }

    /// <summary>The values of a float32 tensor of exactly <paramref name="shape"/>.</summary>
    /// <exception cref="InvalidDataException">Another dtype, shape or byte count.</exception>
    public float[] ToFloat32(string name, params int[] shape)
    {
        Check(name, "float32", sizeof(float), shape);
        var values = MemoryMarshal.Cast<byte, float>(Data).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEach(MemoryMarshal.Cast<float, int>(values.AsSpan()));
        return values;
    }

    /// <summary>The values of a float64 tensor of exactly <paramref name="shape"/>.</summary>
    /// <exception cref="InvalidDataException">Another dtype, shape or byte count.</exception>
    public double[] ToFloat64(string name, params int[] shape)
    {
        Check(name, "float64", sizeof(double), shape);
        var values = MemoryMarshal.Cast<byte, double>(Data).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEach(MemoryMarshal.Cast<double, long>(values.AsSpan()));
        return values;
    }

    /// <summary>Reads little-endian float32 <paramref name="bytes"/> into <paramref name="destination"/> (of the same length in floats).</summary>
    public static void CopyFloat32(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
        if (!BitConverter.IsLittleEndian) ReverseEach(MemoryMarshal.Cast<float, int>(destination));
    }

    private void Check(string name, string dtype, int size, int[] shape)
    {
        long expected = size;
        foreach (int s in shape) expected *= s;
        if (Dtype != dtype || !Shape.AsSpan().SequenceEqual(shape) || Data.Length != expected)
        {
            throw new InvalidDataException(
                $"Tensor '{name}' is {Dtype} [{string.Join(", ", Shape)}] with {Data.Length} bytes; expected {dtype} [{string.Join(", ", shape)}].");
        }
    }

    private static void ReverseEach(Span<int> values) => BinaryPrimitives.ReverseEndianness(values, values);

    private static void ReverseEach(Span<long> values) => BinaryPrimitives.ReverseEndianness(values, values);
}

/// <summary>
/// The SHA-256 an artifact carries over its string lists (each UTF-8 with a newline) and tensor bytes in written order, so a
/// damaged file is detected even when it still parses.
/// </summary>
internal sealed class ArtifactChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds each string, as the encoders' artifacts hash their word lists.</summary>
    public ArtifactChecksum Add(IEnumerable<string> values)
    {
        foreach (var value in values) _hash.AppendData(Encoding.UTF8.GetBytes(value + "\n"));
        return this;
    }

    /// <summary>Adds a tensor's bytes.</summary>
    public ArtifactChecksum Add(TensorArtifact tensor)
    {
        _hash.AppendData(tensor.Data);
        return this;
    }

    /// <summary>Lower-case hex of the hash so far (and resets it).</summary>
    public string Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
