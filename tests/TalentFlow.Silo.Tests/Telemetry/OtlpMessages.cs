using System.Text;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>
/// Reads the few fields the tests check out of OTLP export requests, straight from the protobuf wire format (field numbers
/// from opentelemetry-proto's <c>trace.proto</c>, <c>metrics.proto</c>, <c>resource.proto</c> and <c>common.proto</c>).
/// </summary>
internal static class OtlpMessages
{
    /// <summary>Each span of an <c>ExportTraceServiceRequest</c> as (instrumentation scope, span name).</summary>
    public static IEnumerable<(string Scope, string Name)> Spans(byte[] request) =>
        from resourceSpans in Fields(request, 1)
        from scopeSpans in Fields(resourceSpans, 2)
        let scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? ""
        from span in Fields(scopeSpans, 2)
        select (scope, Text(span, 5) ?? "");

    /// <summary>Each metric of an <c>ExportMetricsServiceRequest</c> as (meter, instrument name).</summary>
    public static IEnumerable<(string Meter, string Name)> Metrics(byte[] request) =>
        from resourceMetrics in Fields(request, 1)
        from scopeMetrics in Fields(resourceMetrics, 2)
        let meter = Fields(scopeMetrics, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? ""
        from metric in Fields(scopeMetrics, 2)
        select (meter, Text(metric, 1) ?? "");

    /// <summary>The string attributes of every resource in an export request (traces or metrics: field 1, then its resource).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ResourceAttributes(byte[] request) =>
        from resourceX in Fields(request, 1)
        from resource in Fields(resourceX, 1)
        from attribute in Fields(resource, 1)
        let value = Fields(attribute, 2).Select(v => Text(v, 1)).FirstOrDefault()
        where value is not null
        select new KeyValuePair<string, string>(Text(attribute, 1) ?? "", value);

    private static string? Text(ReadOnlyMemory<byte> message, int field) =>
        Fields(message, field).Select(b => Encoding.UTF8.GetString(b.Span)).FirstOrDefault();

    /// <summary>The length-delimited fields numbered <paramref name="field"/> of a message; every other field is skipped.</summary>
    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int field)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var span = message.Span;
        int at = 0;
        while (at < span.Length)
        {
            ulong key = Varint(span, ref at);
            int number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0: Varint(span, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    int length = checked((int)Varint(span, ref at));
                    if (number == field) found.Add(message.Slice(at, length));
                    at += length;
                    break;
                default: throw new InvalidDataException($"Wire type {key & 7} at byte {at} is not one OTLP uses.");
            }
        }
        if (at != span.Length) throw new InvalidDataException("A field runs past the end of its message.");
        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("A varint longer than 10 bytes.");
    }
}
