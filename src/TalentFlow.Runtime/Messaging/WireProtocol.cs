using System.Buffers;
using System.Reflection;
using System.Text.Json;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Messaging;

/// <summary>
/// The call format between silos and from clients: one HTTP/2 POST to <c>/rt/call</c> per call, whose body is a JSON object
/// <c>{"grain":"type/key","iface":"...","method":"...","target":"endpoint@generation","view":N,"hops":N,"args":[...]}</c>
/// (args last). The response is the result's JSON (empty for void) with 200, or an <see cref="WireError"/> with a 4xx/5xx status.
/// Unknown fields are skipped, so versions can roll.
/// </summary>
internal static class WireProtocol
{
    public const string CallPath = "/rt/call";
    public const int NotOwnerStatus = 409;

    public static void WriteCall(IBufferWriter<byte> output, GrainId grainId, GrainRequest request, SiloAddress target, long viewVersion, int hops, JsonSerializerOptions json)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("grain"u8, grainId.ToString());
        writer.WriteString("iface"u8, request.InterfaceName);
        writer.WriteString("method"u8, request.MethodName);
        writer.WriteString("target"u8, target.ToString());
        writer.WriteNumber("view"u8, viewVersion);
        writer.WriteNumber("hops"u8, hops);
        writer.WritePropertyName("args"u8);
        request.WriteArguments(writer, json);
        writer.WriteEndObject();
    }

    /// <summary>Parses a call; throws <see cref="GrainMessageException"/> or <see cref="GrainMethodNotFoundException"/>.</summary>
    public static InboundCall ReadCall(ReadOnlySpan<byte> body, JsonSerializerOptions json)
    {
        var reader = new Utf8JsonReader(body);
        GrainId? grain = null;
        string? iface = null, method = null;
        SiloAddress? target = null;
        long view = -1;
        int hops = 0;
        GrainRequest? request = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new GrainMessageException("A call is a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("args"u8))
                {
                    if (iface is null || method is null || grain is null)
                    {
                        throw new GrainMessageException("A call names its grain, interface and method before its arguments.");
                    }
                    if (!GrainInterfaceRegistry.TryGet(iface, out var metadata))
                    {
                        throw new GrainMethodNotFoundException($"Unknown grain interface '{iface}'.");
                    }
                    request = metadata.CreateRequest(method)
                        ?? throw new GrainMethodNotFoundException($"Grain interface '{iface}' has no method '{method}'.");
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) throw new GrainMessageException("A call's arguments are a JSON array.");
                    request.ReadArguments(ref reader, json);
                    continue;
                }
                if (reader.ValueTextEquals("grain"u8)) grain = ReadGrainId(ref reader);
                else if (reader.ValueTextEquals("iface"u8)) iface = ReadString(ref reader);
                else if (reader.ValueTextEquals("method"u8)) method = ReadString(ref reader);
                else if (reader.ValueTextEquals("target"u8)) target = SiloAddress.Parse(ReadString(ref reader));
                else if (reader.ValueTextEquals("view"u8)) { reader.Read(); view = reader.GetInt64(); }
                else if (reader.ValueTextEquals("hops"u8)) { reader.Read(); hops = reader.GetInt32(); }
                else { reader.Read(); reader.Skip(); }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException and not GrainMethodNotFoundException and not GrainMessageException)
        {
            throw new GrainMessageException($"Malformed call: {ex.Message}", ex);
        }
        if (request is null || grain is null) throw new GrainMessageException("A call needs grain, iface, method and args.");
        return new InboundCall(grain.Value, request, target, view, hops);
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new GrainMessageException("Expected a string.");
    }

    private static GrainId ReadGrainId(ref Utf8JsonReader reader) =>
        GrainId.TryParse(ReadString(ref reader), out var id) ? id.Value : throw new GrainMessageException("A grain id is 'type/key'.");

    /// <summary>Describes an exception for the caller; application exceptions keep their type name and message.</summary>
    public static WireError ToWireError(Exception exception, string kind) =>
        new(kind, exception.GetType().AssemblyQualifiedName ?? exception.GetType().FullName ?? "Exception", exception.Message, exception.StackTrace, null);

    /// <summary>Recreates a remote application exception as its own type when this process has it, else <see cref="RemoteGrainException"/>.</summary>
    public static Exception ToException(WireError error)
    {
        switch (error.Kind)
        {
            case WireError.Unavailable: return new SiloUnavailableException(error.Message);
            case WireError.NotFound: return new GrainMethodNotFoundException(error.Message);
            case WireError.BadMessage:
            case WireError.TooLarge: return new GrainMessageException(error.Message);
            case WireError.Timeout: return new GrainCallTimeoutException(error.Message);
        }
        var type = Type.GetType(error.Type, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type))
        {
            try
            {
                var withInner = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]);
                if (withInner is not null) return (Exception)withInner.Invoke([error.Message, null]);
                var plain = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
                if (plain is not null && type != typeof(ArgumentNullException)) return (Exception)plain.Invoke([error.Message]);
            }
            catch (TargetInvocationException)
            {
                // Fall through to the generic remote exception.
            }
        }
        string shortName = type?.FullName ?? error.Type.Split(',')[0];
        return new RemoteGrainException(shortName, error.Message, error.StackTrace);
    }
}

/// <summary>A parsed call from the network.</summary>
internal readonly record struct InboundCall(GrainId GrainId, GrainRequest Request, SiloAddress? Target, long ViewVersion, int Hops);

/// <summary>An error response body.</summary>
/// <param name="Kind">application, not-owner, unavailable, bad-message, not-found, too-large or timeout.</param>
/// <param name="Type">The exception's assembly-qualified type name.</param>
/// <param name="Message">Its message.</param>
/// <param name="StackTrace">The remote stack trace.</param>
/// <param name="View">For not-owner: the membership version of the silo that refused.</param>
internal sealed record WireError(string Kind, string Type, string Message, string? StackTrace, long? View)
{
    public const string Application = "application";
    public const string NotOwner = "not-owner";
    public const string Unavailable = "unavailable";
    public const string BadMessage = "bad-message";
    public const string NotFound = "not-found";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
}

/// <summary>The target silo does not own the grain in its view; the caller refreshes and sends again.</summary>
internal sealed class NotOwnerException(long view) : Exception("The silo does not own the grain.")
{
    public long View { get; } = view;
}
