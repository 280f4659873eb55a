using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.CodeGen.Tests.Samples;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Generated proxies: each call becomes one request sent through the grain reference.</summary>
public sealed class ProxyTests
{
    private static readonly GrainInterfaceMetadata Metadata = SampleMetadata.Calculator;

    [Fact]
    public async Task Call_ThroughProxy_SendsRequestWithArgumentsAndToken()
    {
        using var cts = new CancellationTokenSource();
        var grain = new Calculator();
        var sent = new List<GrainRequest>();
        var proxy = ProxyHarness.Create<ICalculatorGrain>(Metadata, r => r, grain, sent);

        await proxy.SetNoteAsync("hi", cts.Token);
        string greeting = await proxy.GreetAsync("Bob", cts.Token);

        Assert.Equal("hi", grain.Note);
        Assert.Equal("Hello, Bob", greeting);
        Assert.Equal(cts.Token, grain.LastToken);
        Assert.Equal(["SetNoteAsync", "GreetAsync"], sent.Select(r => r.MethodName));
        Assert.All(sent, r => Assert.Equal(cts.Token, r.CancellationToken));
    }

    [Fact]
    public async Task Call_ValueTaskMethod_CompletesThroughProxy()
    {
        var grain = new Calculator();
        var proxy = ProxyHarness.Create<ICalculatorGrain>(Metadata, r => SampleMetadata.RoundTrip(Metadata, r), grain);

        await proxy.PingAsync();
        await proxy.PingAsync();

        Assert.Equal(2, grain.Pings);
    }

    [Fact]
    public void CreateProxy_ToString_IsGrainId()
    {
        var proxy = ProxyHarness.Create<ICalculatorGrain>(Metadata, r => r, new Calculator());

        Assert.Equal("sample/1", proxy.ToString());
        Assert.IsAssignableFrom<IGreeterGrain>(proxy);
    }
}
