using System.Text.Json;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.CodeGen.Tests.Samples;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Generated requests of this project's own grain interfaces, moved through JSON and invoked on a plain object.</summary>
public sealed class RoundTripTests
{
    private static readonly GrainInterfaceMetadata Metadata = SampleMetadata.Calculator;

    private static GrainRequest Filled(string method, Action<Utf8JsonWriter> writeArguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeArguments(writer);
            writer.WriteEndArray();
        }
        var request = Metadata.CreateRequest(method)!;
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        request.ReadArguments(ref reader, SampleMetadata.Json);
        return request;
    }

    [Fact]
    public void Metadata_OfCalculator_HasDurableNameAndFlattenedKeys()
    {
        Assert.Equal("samples.calculator", Metadata.InterfaceName);
        Assert.Equal(
            ["AddAsync", "DescribeAsync`1", "DescribeAsync`2", "SetNoteAsync", "GetNoteAsync", "PingAsync", "GreetAsync"],
            Metadata.MethodNames);
        Assert.Equal("TalentFlow.Runtime.CodeGen.Tests.Samples.IGreeterGrain", SampleMetadata.Find(typeof(IGreeterGrain)).InterfaceName);
    }

    [Fact]
    public void CreateRequest_UnknownMethod_ReturnsNull()
    {
        Assert.Null(Metadata.CreateRequest("NoSuchMethod"));
        Assert.Null(Metadata.CreateRequest("DescribeAsync"));
    }

    [Fact]
    public async Task ReadArguments_AddWithArray_InvokesWithSameArguments()
    {
        var request = (GrainRequest<int>)Filled("AddAsync", w =>
        {
            w.WriteNumberValue(10);
            JsonSerializer.Serialize(w, new[] { 1, 2, 3 });
        });

        Assert.Equal(16, await request.InvokeAsync(new Calculator()));
        Assert.Equal("samples.calculator.AddAsync", request.ToString());
    }

    [Fact]
    public async Task ReadArguments_ExtraArguments_AreSkipped()
    {
        var request = (GrainRequest<string?>)Filled("DescribeAsync`1", w =>
        {
            w.WriteStringValue("x");
            w.WriteStartObject();
            w.WriteNumber("newer", 1);
            w.WriteEndObject();
        });

        Assert.Equal("label:x", await request.InvokeAsync(new Calculator()));
    }

    [Fact]
    public void ReadArguments_MissingArgument_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => Filled("AddAsync", w => w.WriteNumberValue(1)));
    }

    [Fact]
    public async Task WriteThenRead_TupleAndNullArguments_RoundTrip()
    {
        var grain = new Calculator();
        var proxy = ProxyHarness.Create<ICalculatorGrain>(Metadata, request =>
            SampleMetadata.RoundTrip(Metadata, request, SampleMetadata.JsonWithFields), grain);

        Assert.Equal("cup:3 litre", await proxy.DescribeAsync("cup", (3, "litre")));
        Assert.Null(await proxy.DescribeAsync(null));
        Assert.Equal(6, await proxy.AddAsync(0, [1, 2, 3]));
    }

    [Fact]
    public async Task Invoke_VoidMethods_ReturnVoidResultAndRunTheMethod()
    {
        var grain = new Calculator();
        var set = (GrainRequest<VoidResult>)Filled("SetNoteAsync", w => w.WriteStringValue("saved"));
        var ping = (GrainRequest<VoidResult>)Filled("PingAsync", _ => { });

        await set.InvokeAsync(grain);
        await ping.InvokeAsync(grain);

        Assert.Equal("saved", grain.Note);
        Assert.Equal(1, grain.Pings);
        Assert.Equal("saved", await ((GrainRequest<string?>)Filled("GetNoteAsync", _ => { })).InvokeAsync(grain));
    }

    [Fact]
    public async Task Invoke_CancellationToken_ComesFromRequestNotFromJson()
    {
        using var cts = new CancellationTokenSource();
        var grain = new Calculator();
        var request = (GrainRequest<string>)Filled("GreetAsync", w => w.WriteStringValue("Ada"));
        request.CancellationToken = cts.Token;

        Assert.Equal("Hello, Ada", await request.InvokeAsync(grain));
        Assert.Equal(cts.Token, grain.LastToken);
    }

    [Fact]
    public async Task WriteArguments_TokenParameter_IsNotWritten()
    {
        using var cts = new CancellationTokenSource();
        var sent = new List<GrainRequest>();
        var proxy = ProxyHarness.Create<ICalculatorGrain>(Metadata, r => r, new Calculator(), sent);
        await proxy.GreetAsync("Ada", cts.Token);
        await proxy.AddAsync(10, [1, 2]);

        Assert.Equal(["[\"Ada\"]", "[10,[1,2]]"], sent.Select(Written));
    }

    private static string Written(GrainRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) request.WriteArguments(writer, SampleMetadata.Json);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Options_FromAttributes_AreSet()
    {
        Assert.Equal(GrainMethodOptions.ReadOnly, Metadata.CreateRequest("DescribeAsync`1")!.Options);
        Assert.Equal(GrainMethodOptions.AlwaysInterleave, Metadata.CreateRequest("DescribeAsync`2")!.Options);
        Assert.Equal(GrainMethodOptions.None, Metadata.CreateRequest("AddAsync")!.Options);
    }
}
