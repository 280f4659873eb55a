using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using TalentFlow.Hosting;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Records;

namespace TalentFlow.TestKit;

/// <summary>How the tests' clusters are built: silo count, what each silo hosts and publishes.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started with the cluster. Default 2.</summary>
    public int InitialSilos { get; set; } = 2;

    /// <summary>What every silo hosts beyond Orleans wired the TalentFlow way (usually <c>AddTalentFlowGrains</c>).</summary>
    public Action<ISiloBuilder>? ConfigureSiloBuilder { get; set; }

    /// <summary>The roles of the initial silos. Default none.</summary>
    public Action<TestSiloOptions>? ConfigureSilo { get; set; }

    /// <summary>More TalentFlow wiring per silo, after its roles are set (e.g. the grains' capability roles).</summary>
    public Action<TalentFlowOrleansOptions>? ConfigureOrleans { get; set; }

    /// <summary>PostgreSQL for grain state, reminders and records (membership stays the test host's own); null: in memory.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>One silo's settings.</summary>
public sealed class TestSiloOptions
{
    /// <summary>The roles the silo publishes, e.g. <c>trainer</c>.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>
/// Orleans' <see cref="InProcessTestCluster"/> with the TalentFlow wiring on every silo, per-silo roles, and the operations the
/// tests use: start one more silo with its own roles, stop, kill or restart one, wait for membership to settle.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly TestClusterOptions _options;
    private readonly List<SiloHandle> _silos = [];
    // The roles of the silo being built next: silos are built one at a time, so one slot suffices.
    private TestSiloOptions _next = new();
    // Without PostgreSQL: one store for the whole cluster (see SharedMemoryGrainStorage), created with the first silo.
    private SharedMemoryGrainStorage? _storage;
    private readonly MemoryGrainRecordStorage _records = new();

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        var builder = new InProcessTestClusterBuilder((short)options.InitialSilos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            var spec = _next;
            silo.AddTalentFlowOrleans(o =>
            {
                o.ConfigureClustering = false;
                o.ConnectionString = options.ConnectionString;
                foreach (string role in spec.Roles) o.Roles.Add(role);
                options.ConfigureOrleans?.Invoke(o);
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Fast failure detection: a killed silo is declared dead within seconds, not the production minute.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            if (options.ConnectionString is null)
            {
                silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>("Default", (sp, _) =>
                    _storage ??= new SharedMemoryGrainStorage(sp.GetRequiredService<Orleans.Storage.IGrainStorageSerializer>()));
                silo.Services.AddSingleton<IGrainRecordStorage>(_records);
            }
            options.ConfigureSiloBuilder?.Invoke(silo);
        });
        builder.ConfigureClient(client => TalentFlowSiloBuilderExtensions.AddSerialization(
            client.Services, TalentFlowSerialization.IsJsonType, TalentFlowSerialization.JsonOptions, ["TalentFlow"]));
        _cluster = builder.Build();
    }

    /// <summary>Starts a cluster of <see cref="TestClusterOptions.InitialSilos"/> silos and its client.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new TestCluster(options);
        var initial = new TestSiloOptions();
        options.ConfigureSilo?.Invoke(initial);
        cluster._next = initial;
        await cluster._cluster.DeployAsync();
        foreach (var silo in cluster._cluster.Silos) cluster._silos.Add(new SiloHandle(silo, initial.Roles));
        return cluster;
    }

    /// <summary>The silos started and not stopped or killed, in start order.</summary>
    public IReadOnlyList<SiloHandle> Silos => [.. _silos.Where(s => s.IsRunning)];

    /// <summary>The cluster client's grain factory (through the silos' gateways).</summary>
    public IGrainFactory GrainFactory => _cluster.Client;

    /// <summary>Starts one more silo with its own roles and waits until it is Active.</summary>
    public async Task<SiloHandle> StartSiloAsync(Action<TestSiloOptions>? configure = null)
    {
        var spec = new TestSiloOptions();
        configure?.Invoke(spec);
        _next = spec;
        var started = await _cluster.StartAdditionalSiloAsync();
        var handle = new SiloHandle(started, spec.Roles);
        _silos.Add(handle);
        await _cluster.WaitForLivenessToStabilizeAsync();
        return handle;
    }

    /// <summary>Stops a silo gracefully (its activations deactivate first).</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.IsRunning = false;
        await _cluster.StopSiloAsync(silo.Handle);
    }

    /// <summary>Kills a silo: no goodbye; the others declare it dead by missed probes.</summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.IsRunning = false;
        await _cluster.KillSiloAsync(silo.Handle);
    }

    /// <summary>Stops a silo and starts a new one with the same roles in its place.</summary>
    public async Task<SiloHandle> RestartSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await StopSiloAsync(silo);
        return await StartSiloAsync(o => o.Roles = [.. silo.Roles]);
    }

    /// <summary>Waits until every silo agrees on membership (a killed silo declared dead).</summary>
    public Task WaitForLivenessToStabilizeAsync() => _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

    /// <summary>Moves the activation of grain <paramref name="grainType"/>/<paramref name="key"/> to <paramref name="target"/> (Orleans' live migration).</summary>
    public Task MigrateAsync(string grainType, string key, SiloHandle target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _cluster.MigrateAsync(GrainId.Create(grainType, key), target.Handle.SiloAddress);
    }

    /// <summary>The running silo that holds the activation of <paramref name="grainType"/>/<paramref name="key"/>, or null.</summary>
    public async Task<SiloHandle?> HostOfAsync(string grainType, string key)
    {
        foreach (var silo in Silos) if (await silo.HasActivationAsync(grainType, key)) return silo;
        return null;
    }

    /// <summary>How many running silos hold an activation of <paramref name="grainType"/> with key <paramref name="keyPrefix"/>0..<paramref name="keys"/>-1.</summary>
    public async Task<int> CountSilosHostingAsync(string grainType, string keyPrefix, int keys = 8)
    {
        int count = 0;
        foreach (var silo in Silos)
        {
            for (int n = 0; n < keys; n++)
            {
                if (!await silo.HasActivationAsync(grainType, keyPrefix + n)) continue;
                count++;
                break;
            }
        }
        return count;
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class SiloHandle
{
    internal SiloHandle(InProcessSiloHandle handle, IEnumerable<string> roles)
    {
        Handle = handle;
        Roles = [.. roles];
    }

    internal InProcessSiloHandle Handle { get; }

    /// <summary>The roles it was started with.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Its host (services).</summary>
    public IHost Host => Handle.SiloHost;

    /// <summary>Its address as the cluster view names it (<c>ip:port@generation</c>).</summary>
    public string Address => Handle.SiloAddress.ToParsableString();

    /// <summary>Whether it still runs.</summary>
    public bool IsRunning { get; internal set; } = true;

    /// <summary>A grain factory whose calls start on this silo.</summary>
    public IGrainFactory GrainFactory => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The members as this silo sees them.</summary>
    public IReadOnlyList<ClusterSilo> Members => Host.Services.GetRequiredService<IClusterView>().Members();

    /// <summary>Whether this silo holds an activation of grain <paramref name="grainType"/>/<paramref name="key"/>.</summary>
    public async Task<bool> HasActivationAsync(string grainType, string key)
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var stats = await management.GetDetailedGrainStatistics(hostsIds: [Handle.SiloAddress]);
        var id = GrainId.Create(grainType, key);
        return stats.Any(s => s.GrainId == id);
    }

    public override string ToString() => $"{Handle.Name} ({Address})";
}
