using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace TalentFlow.ML.Onnx.Graph;

/// <summary>One field of a protobuf message: its number, wire type, and where its payload sits in the buffer.</summary>
/// <param name="Number">Field number.</param>
/// <param name="WireType">0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.</param>
/// <param name="Start">Offset of the whole field (its tag) in the buffer.</param>
/// <param name="End">Offset just past the field.</param>
/// <param name="PayloadStart">Offset of the payload (after the length prefix for wire type 2).</param>
/// <param name="Varint">The value of a varint field.</param>
internal readonly record struct ProtoField(int Number, int WireType, int Start, int End, int PayloadStart, ulong Varint)
{
    public int PayloadLength => End - PayloadStart;
}

/// <summary>
/// The protobuf wire format, just what reading and rewriting an ONNX <c>ModelProto</c> needs: walk a message's fields
/// (unknown ones are kept as bytes, so a rewrite loses nothing), write tags, varints and length-delimited fields.
/// </summary>
internal static class ProtoWire
{
    /// <summary>The fields of the message in <paramref name="buffer"/>[<paramref name="start"/>..<paramref name="end"/>], in order.</summary>
    /// <exception cref="InvalidDataException">Malformed or truncated bytes.</exception>
    public static List<ProtoField> Fields(byte[] buffer, int start, int end)
    {
        var fields = new List<ProtoField>();
        var p = start;
        while (p < end)
        {
            var fieldStart = p;
            var tag = ReadVarint(buffer, ref p, end);
            var number = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            if (number == 0)
            {
                Throw($"field number 0 at byte {fieldStart}");
            }

            ulong value = 0;
            int payload = p;
            switch (wire)
            {
                case 0:
                    value = ReadVarint(buffer, ref p, end);
                    break;
                case 1:
                    p += 8;
                    break;
                case 2:
                    var length = ReadVarint(buffer, ref p, end);
                    if (length > (ulong)(end - p))
                    {
                        Throw($"field {number} at byte {fieldStart} is longer ({length}) than its message");
                    }

                    payload = p;
                    p += (int)length;
                    break;
                case 5:
                    p += 4;
                    break;
                default:
                    Throw($"unsupported wire type {wire} at byte {fieldStart}");
                    break;
            }

            if (p > end)
            {
                Throw($"field {number} at byte {fieldStart} runs past its message");
            }

            fields.Add(new ProtoField(number, wire, fieldStart, p, payload, value));
        }

        return fields;
    }

    public static ulong ReadVarint(byte[] buffer, ref int p, int end)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (p >= end)
            {
                Throw("truncated varint");
            }

            var b = buffer[p++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        Throw("varint longer than 10 bytes");
        return 0;
    }

    public static string String(byte[] buffer, ProtoField field) =>
        System.Text.Encoding.UTF8.GetString(buffer, field.PayloadStart, field.PayloadLength);

    /// <summary>Packed or unpacked repeated varints (e.g. <c>TensorProto.dims</c>): each field adds its values.</summary>
    public static void AddVarints(byte[] buffer, ProtoField field, List<long> values)
    {
        if (field.WireType == 0)
        {
            values.Add((long)field.Varint);
            return;
        }

        var p = field.PayloadStart;
        while (p < field.End)
        {
            values.Add((long)ReadVarint(buffer, ref p, field.End));
        }
    }

    public static void WriteVarint(Stream output, ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[n++] = (byte)value;
        output.Write(bytes[..n]);
    }

    public static void WriteTag(Stream output, int number, int wireType) => WriteVarint(output, ((ulong)number << 3) | (uint)wireType);

    public static void WriteVarintField(Stream output, int number, ulong value)
    {
        WriteTag(output, number, 0);
        WriteVarint(output, value);
    }

    public static void WriteBytesField(Stream output, int number, ReadOnlySpan<byte> payload)
    {
        WriteTag(output, number, 2);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    public static void WriteStringField(Stream output, int number, string value) =>
        WriteBytesField(output, number, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>Float32 values as little-endian bytes (ONNX <c>raw_data</c>).</summary>
    public static byte[] FloatBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    [DoesNotReturn]
    private static void Throw(string message) => throw new InvalidDataException($"Not a valid protobuf message: {message}.");
}
