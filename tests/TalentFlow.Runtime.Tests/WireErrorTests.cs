using System.Net;
using System.Text;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

/// <summary>Bad input on a silo's endpoint gets a typed error, and the silo keeps serving.</summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class WireErrorTests(InMemoryClusterFixture fixture)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(byte[] body)
    {
        var silo = fixture.Cluster.Silos[0];
        using var content = new ByteArrayContent(body);
        using var response = await Http.PostAsync($"http://{silo.Endpoint}/rt/call", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"grain\":\"counter/a\",\"iface\":\"TalentFlow.Runtime.Tests.Grains.ICounterGrain\",\"method\":\"AddAsync\",\"args\":[\"NaN-string\"]}")]
    [InlineData("{\"grain\":\"nokey\",\"iface\":\"x\",\"method\":\"y\",\"args\":[]}")]
    [InlineData("{\"grain\":\"counter/a\",\"iface\":\"TalentFlow.Runtime.Tests.Grains.ICounterGrain\",\"method\":\"AddAsync\",\"args\":[1")]
    public async Task Call_MalformedMessage_Returns400WithBadMessageKind(string body)
    {
        var (status, text) = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("bad-message", text);
    }

    [Fact]
    public async Task Call_UnknownMethod_Returns404()
    {
        var body = "{\"grain\":\"counter/a\",\"iface\":\"TalentFlow.Runtime.Tests.Grains.ICounterGrain\",\"method\":\"Nope\",\"args\":[]}";
        var (status, text) = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Nope", text);
    }

    [Fact]
    public async Task Call_UnknownInterface_Returns404()
    {
        var body = "{\"grain\":\"counter/a\",\"iface\":\"No.Such.IFace\",\"method\":\"AddAsync\",\"args\":[]}";
        var (status, _) = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Call_OversizedMessage_Returns413AndSiloKeepsServing()
    {
        var big = new byte[17 * 1024 * 1024];
        Array.Fill(big, (byte)' ');
        var (status, _) = await PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("still here", await fixture.Cluster.GrainFactory.GetGrain<ITurnGrain>("alive").EchoAsync("still here"));
    }

    [Fact]
    public async Task Call_OversizedArgument_ThrowsGrainMessageExceptionBeforeSending()
    {
        var cluster = fixture.Cluster;
        var remoteKey = Enumerable.Range(0, 200).Select(i => "big-" + i)
            .First(k => !cluster.Silos[0].Silo.Runtime.IsLocalOwner(new GrainId("turn", k)));
        var grain = cluster.Silos[0].Silo.GrainFactory.GetGrain<ITurnGrain>(remoteKey);
        string huge = new('x', 17 * 1024 * 1024);
        var error = await Assert.ThrowsAsync<GrainMessageException>(() => grain.EchoAsync(huge));
        Assert.Contains("message limit", error.Message);
    }
}
