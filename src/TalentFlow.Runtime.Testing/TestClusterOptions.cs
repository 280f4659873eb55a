using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> is built (Orleans: TestClusterOptions).</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>. Default 2.</summary>
    public int InitialSilos { get; set; } = 2;

    /// <summary>Grain assemblies every silo hosts.</summary>
    public List<Assembly> GrainAssemblies { get; set; } = [];

    /// <summary>
    /// Registers membership, storage and reminders for each silo (e.g. the PostgreSQL providers). When null, every silo shares
    /// one set of in-memory providers.
    /// </summary>
    public Action<IServiceCollection>? ConfigureProviders { get; set; }

    /// <summary>More services for each silo.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Adds grains and their services to each silo (Orleans: <c>ISiloConfigurator</c>), e.g. an application's
    /// <c>AddXxxGrains()</c>.</summary>
    public Action<SiloBuilder>? ConfigureSiloBuilder { get; set; }

    /// <summary>Settings for each silo, after the test defaults (fast membership timings, free ports).</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    /// <summary>The clock every silo uses. Default: the system's.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Cluster id. Default: a fresh one per cluster, so clusters sharing a database never meet.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Applies the fast timings tests want: heartbeats, refreshes and probes every 200 ms, suspicion after 3 misses.</summary>
    public static void ApplyFastMembership(SiloOptions options)
    {
        options.Membership.IAmAliveInterval = TimeSpan.FromMilliseconds(500);
        options.Membership.TableRefreshInterval = TimeSpan.FromMilliseconds(250);
        options.Membership.ProbeInterval = TimeSpan.FromMilliseconds(200);
        options.Membership.ProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.Membership.MissedProbesLimit = 3;
        options.ReminderRefreshPeriod = TimeSpan.FromMilliseconds(500);
        options.ResponseTimeout = TimeSpan.FromSeconds(10);
        options.ShutdownDrainTimeout = TimeSpan.FromSeconds(10);
    }
}
