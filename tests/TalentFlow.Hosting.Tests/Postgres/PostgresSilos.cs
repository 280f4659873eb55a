using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Postgres;

/// <summary>
/// Real silo hosts on loopback TCP, wired only by AddTalentFlowOrleans with a connection string (ADO.NET membership, storage,
/// reminders), and a client that finds the gateways in the membership table: the production path, in one process.
/// </summary>
public sealed class PostgresSilos : IAsyncDisposable
{
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>The services of silo <paramref name="index"/>, to reach a provider directly.</summary>
    public IServiceProvider SiloServices(int index) => _silos[index].Services;

    public static async Task<PostgresSilos> StartAsync(string connectionString, string clusterId, int silos)
    {
        var cluster = new PostgresSilos();
        try
        {
            // One after the other: the first creates the cluster's version row, the next ones join it.
            for (int i = 0; i < silos; i++) cluster._silos.Add(await StartSiloAsync(connectionString, clusterId, i));
            var client = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            client.Logging.SetMinimumLevel(LogLevel.Warning);
            client.UseOrleansClient(c =>
            {
                c.UseTalentFlowClustering(connectionString).ApplyTestWire();
                c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            });
            cluster._client = client.Build();
            await cluster._client.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<int> ActiveSiloCountAsync() =>
        (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    private static async Task<IHost> StartSiloAsync(string connectionString, string clusterId, int index)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "silo" + index });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddTalentFlowOrleans(o => o.Apply().ConnectionString = connectionString);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = FreePort();
                o.GatewayPort = FreePort();
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }
}
