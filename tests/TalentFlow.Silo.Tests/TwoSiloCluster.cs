using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// One silo of <see cref="TwoSiloCluster"/>: the real <c>Program</c> on a real Kestrel port, on the embedded default's localhost
/// clustering: the first silo keeps the membership, the others join it (<c>Silo:PrimarySiloEndpoint</c>). Orleans' in-memory
/// storage and reminders are grains of the cluster, so every silo sees the same state.
/// </summary>
public sealed class ClusterSiloFactory(string name, string role, int siloPort, string? primary) : WebApplicationFactory<Program>
{
    /// <summary>Starts the host on Kestrel (a browser must reach it) once the base address is asked for.</summary>
    public ClusterSiloFactory Kestrel()
    {
        UseKestrel(0);
        return this;
    }

    /// <summary>The silo's name (<c>Silo:SiloName</c>).</summary>
    public string Name => name;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:" + siloPort);
        builder.UseSetting("Silo:GatewayPort", "0");
        if (primary is not null) builder.UseSetting("Silo:PrimarySiloEndpoint", primary);
        builder.UseSetting("Silo:SiloName", name);
        builder.UseSetting("Silo:Roles:0", role);
        builder.UseSetting("SampleData:Load", primary is null ? "true" : "false");
        builder.UseTestKeys();
        // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
        builder.UseSetting("Matching:Encoder", "lsa");
    }

    /// <summary>The HTTP address of the running host.</summary>
    public string BaseAddress
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }
}

/// <summary>
/// Two real silos of one cluster in this process: <c>silo-a</c> (role <c>api</c>, loads the sample data) and <c>silo-b</c>
/// (role <c>trainer</c>). Ready once the dashboard overview of either lists both as Active.
/// </summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public ClusterSiloFactory A { get; private set; } = null!;

    public ClusterSiloFactory B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int primaryPort = FreePort();
        A = new ClusterSiloFactory("silo-a", "api", primaryPort, primary: null).Kestrel();
        _ = A.BaseAddress;
        B = new ClusterSiloFactory("silo-b", "trainer", FreePort(), primary: "127.0.0.1:" + primaryPort).Kestrel();
        _ = B.BaseAddress;
        using var client = new HttpClient { BaseAddress = new Uri(A.BaseAddress) }.As(ApiRoles.Admin);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/overview");
            var active = overview.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
            if (active == 2) return;
            if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The two silos did not both become Active: {overview}");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Grain calls through both silos' APIs: catalog jobs, spread over the silos by their hash.</summary>
    public async Task GenerateTrafficAsync(int requests)
    {
        using var a = new HttpClient { BaseAddress = new Uri(A.BaseAddress) }.As(ApiRoles.Recruiter);
        using var b = new HttpClient { BaseAddress = new Uri(B.BaseAddress) }.As(ApiRoles.Recruiter);
        for (int i = 0; i < requests; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync($"/api/v1/jobs/sample-job-{101 + i % 30}");
        }
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }
}
