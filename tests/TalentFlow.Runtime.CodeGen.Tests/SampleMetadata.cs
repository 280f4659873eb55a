using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.CodeGen.Tests.Samples;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Finds this assembly's generated metadata the way the runtime does, and moves requests through JSON.</summary>
internal static class SampleMetadata
{
    public static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>Value tuples keep their items in fields, which System.Text.Json skips unless asked.</summary>
    public static readonly JsonSerializerOptions JsonWithFields = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), IncludeFields = true };

    public static GrainInterfaceMetadata Calculator => Find(typeof(ICalculatorGrain));

    public static GrainInterfaceMetadata Find(Type interfaceType)
    {
        var assembly = typeof(SampleMetadata).Assembly;
        var attribute = assembly.GetCustomAttributes<GrainMetadataProviderAttribute>().Single();
        var provider = (IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!;
        return provider.GetInterfaces().Single(m => m.InterfaceType == interfaceType);
    }

    /// <summary>Serializes a request's arguments and reads them into a fresh request, as a receiving silo would.</summary>
    public static GrainRequest RoundTrip(GrainInterfaceMetadata metadata, GrainRequest sent, JsonSerializerOptions? options = null)
    {
        options ??= Json;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) sent.WriteArguments(writer, options);

        var received = metadata.CreateRequest(sent.MethodName) ?? throw new InvalidOperationException("Unknown method " + sent.MethodName);
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        received.ReadArguments(ref reader, options);
        return received;
    }
}
