using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Runtime.Hosting;

/// <summary>A silo's settings; every default is the one in force when unset (Orleans: SiloOptions, EndpointOptions, ...).</summary>
public sealed class SiloOptions
{
    /// <summary>A readable name for logs and the dashboard. Default: the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Where the silo's HTTP/2 endpoint listens, <c>host:port</c>; port 0 picks a free one. Default <c>127.0.0.1:11111</c>.</summary>
    [Required]
    public string Endpoint { get; set; } = "127.0.0.1:11111";

    /// <summary>The host name peers use to reach this silo, when it differs from the listening host (containers). Default: none.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Roles the silo declares, e.g. <c>trainer</c>. Default: none.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>How long a caller waits for a response. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest call or response body, in bytes. Default 16 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Idle activations older than this are collected, unless their class says otherwise. Default 15 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.00:00:00")]
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the idle collector looks. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may take. Default 10 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful stop waits for in-flight calls before deactivating. Default 30 s.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Membership protocol timings.</summary>
    public MembershipOptions Membership { get; set; } = new();

    /// <summary>How often the silo reloads the reminders it owns. Default 1 min.</summary>
    public TimeSpan ReminderRefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The membership protocol's timings (Orleans: ClusterMembershipOptions). Defaults suit a LAN; tests shorten them.</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo writes its heartbeat. Default 5 s.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo rereads the table. Default 2 s.</summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo probes each of its monitored peers. Default 2 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take. Default 2 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a peer is suspected. Default 3.</summary>
    [Range(1, 100)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How many peers each silo probes. Default 3.</summary>
    [Range(1, 100)]
    public int NumProbedSilos { get; set; } = 3;

    /// <summary>Unexpired votes needed to declare a silo dead (fewer when fewer silos are alive). Default 2.</summary>
    [Range(1, 100)]
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a suspicion vote counts. Default 2 min.</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Dead rows older than this are deleted from the table. Default 1 day.</summary>
    public TimeSpan DefunctSiloCleanupAge { get; set; } = TimeSpan.FromDays(1);
}
