using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentFlow.Client;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Reminders;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Testing;

/// <summary>
/// N silos in one process, each with its own host and its own Kestrel endpoint on a loopback port, sharing membership,
/// storage and reminders (in memory or PostgreSQL) (Orleans: TestCluster).
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<SiloHandle> _silos = [];
    private readonly IServiceProvider? _sharedProviders;
    private int _next;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        if (options.ConfigureProviders is null)
        {
            _sharedProviders = new ServiceCollection()
                .AddSingleton(options.TimeProvider ?? TimeProvider.System)
                .AddInMemoryMembership()
                .AddInMemoryGrainStorage()
                .AddInMemoryReminders()
                .BuildServiceProvider();
        }
    }

    /// <summary>Starts a cluster with <see cref="TestClusterOptions.InitialSilos"/> silos and waits for them to agree.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions options, CancellationToken cancellationToken = default)
    {
        var cluster = new TestCluster(options);
        try
        {
            for (int i = 0; i < options.InitialSilos; i++) await cluster.StartSiloAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await cluster.WaitForLivenessToStabilizeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    /// <summary>The silos that were started and not stopped or killed.</summary>
    public IReadOnlyList<SiloHandle> Silos
    {
        get { lock (_silos) return [.. _silos.Where(s => s.IsRunning)]; }
    }

    /// <summary>A grain factory through the first running silo.</summary>
    public IGrainFactory GrainFactory => Silos.FirstOrDefault()?.Silo.GrainFactory ?? throw new InvalidOperationException("No silo runs.");

    /// <summary>Starts one more silo; <paramref name="endpoint"/> reuses an endpoint (a restart: a new generation).</summary>
    public async Task<SiloHandle> StartSiloAsync(Action<SiloOptions>? configure = null, string? endpoint = null, CancellationToken cancellationToken = default)
    {
        int index = Interlocked.Increment(ref _next);
        string name = "silo-" + index.ToString(CultureInfo.InvariantCulture);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<ClusterOptions>(o => o.ClusterId = _options.ClusterId);
        if (_options.TimeProvider is not null) builder.Services.AddSingleton(_options.TimeProvider);
        if (_sharedProviders is not null)
        {
            builder.Services.AddSingleton(_sharedProviders.GetRequiredService<IMembershipTable>());
            builder.Services.AddSingleton(_sharedProviders.GetRequiredService<IReminderTable>());
            builder.Services.AddKeyedSingleton(Activation.GrainActivator.DefaultStorageName,
                _sharedProviders.GetRequiredKeyedService<IGrainStorage>(Activation.GrainActivator.DefaultStorageName));
        }
        else
        {
            _options.ConfigureProviders!(builder.Services);
        }
        _options.ConfigureServices?.Invoke(builder.Services);
        var silo = builder.Services.AddTalentFlowSilo(o =>
        {
            o.SiloName = name;
            o.Endpoint = endpoint ?? "127.0.0.1:0";
            TestClusterOptions.ApplyFastMembership(o);
            _options.ConfigureSilo?.Invoke(o);
            configure?.Invoke(o);
        }).AddGrains([.. _options.GrainAssemblies]);
        _options.ConfigureSiloBuilder?.Invoke(silo);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var handle = new SiloHandle(name, host, host.Services.GetRequiredService<Silo>());
        lock (_silos) _silos.Add(handle);
        return handle;
    }

    /// <summary>Stops a silo gracefully: its activations are deactivated and it leaves the table as Dead.</summary>
    public async Task StopSiloAsync(SiloHandle silo, CancellationToken cancellationToken = default)
    {
        EnsureMember(silo);
        silo.IsRunning = false;
        await silo.Host.StopAsync(cancellationToken).ConfigureAwait(false);
        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    /// <summary>Kills a silo: its endpoint closes at once and it tells nobody; its peers must find out.</summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        EnsureMember(silo);
        silo.IsRunning = false;
        await silo.Silo.KillAsync().ConfigureAwait(false);
        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    private void EnsureMember(SiloHandle silo)
    {
        lock (_silos)
        {
            if (!_silos.Contains(silo)) throw new ArgumentException($"{silo} is not a silo of this cluster.", nameof(silo));
        }
    }

    private static ValueTask DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable) return asyncDisposable.DisposeAsync();
        host.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts a new incarnation on the endpoint of a stopped or killed silo.</summary>
    public Task<SiloHandle> RestartSiloAsync(SiloHandle silo, CancellationToken cancellationToken = default) =>
        StartSiloAsync(endpoint: silo.Endpoint, cancellationToken: cancellationToken);

    /// <summary>
    /// Waits until every running silo sees exactly the running silos as Active (killed ones declared dead), as Orleans'
    /// WaitForLivenessToStabilizeAsync does. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var running = Silos;
            var expected = running.Select(s => s.Silo.Address).OfType<SiloAddress>().ToHashSet();
            bool stable = true;
            foreach (var silo in running)
            {
                await silo.Silo.RefreshMembershipAsync(cts.Token).ConfigureAwait(false);
                var active = silo.Silo.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo).ToHashSet();
                if (!active.SetEquals(expected)) stable = false;
            }
            if (stable) return;
            try
            {
                await Task.Delay(100, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The cluster's membership did not stabilise in time.");
            }
        }
    }

    /// <summary>Connects a cluster client through the running silos' endpoints.</summary>
    public Task<ClusterClient> ConnectClientAsync(Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ClientOptions { RefreshInterval = TimeSpan.FromMilliseconds(250), GatewayTimeout = TimeSpan.FromSeconds(1) };
        options.Gateways.AddRange(Silos.Select(s => s.Endpoint));
        configure?.Invoke(options);
        return ClusterClient.ConnectAsync(options, timeProvider: _options.TimeProvider, cancellationToken: cancellationToken);
    }

    /// <summary>Stops every running silo gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await StopSiloAsync(silo, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Best effort at tear-down.
            }
        }
        (_sharedProviders as IDisposable)?.Dispose();
    }
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class SiloHandle
{
    internal SiloHandle(string name, IHost host, Silo silo)
    {
        Name = name;
        Host = host;
        Silo = silo;
        Endpoint = silo.Address!.Endpoint;
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>Its host.</summary>
    public IHost Host { get; }

    /// <summary>The silo.</summary>
    public Silo Silo { get; }

    /// <summary>Its endpoint (<c>127.0.0.1:port</c>).</summary>
    public string Endpoint { get; }

    /// <summary>Whether it was neither stopped nor killed.</summary>
    public bool IsRunning { get; internal set; } = true;

    /// <summary>Returns the name and address.</summary>
    public override string ToString() => $"{Name} ({Silo.Address})";
}
