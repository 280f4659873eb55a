using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>
/// A real silo on a real Kestrel port on loopback (not the in-memory TestServer): the embedded in-memory default with an
/// admin, a recruiter and a reviewer key, without sample data (each test makes what it needs). Started once for the collection.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly Factory _factory = new();

    /// <summary>Where the silo's HTTP API listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single() + "/");
        using var scope = CreateClient(TestKeys.Admin);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!(await scope.Client.GetHealthAsync(deadline.Token)).IsReady)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>A client that sends <paramref name="apiKey"/>, with whatever else <paramref name="configure"/> sets.</summary>
    internal ClientScope CreateClient(string? apiKey, Action<TalentFlowClientOptions>? configure = null) => ClientScope.Create(BaseAddress, o =>
    {
        o.ApiKey = apiKey;
        configure?.Invoke(o);
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private sealed class Factory : WebApplicationFactory<Program>
    {
        public Factory() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Never the host's default 8080: another test run may hold it.
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
            builder.UseSetting("Silo:SiloName", "client-test-silo");
            builder.UseSetting("SampleData:Load", "false");
            builder.UseTestKeys();
            // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
            builder.UseSetting("Matching:Encoder", "lsa");
            builder.UseSetting("Silo:GatewayPort", "0");
        }
    }
}

/// <summary>One silo for every test class that talks to it: starting a silo is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "real silo";
}
