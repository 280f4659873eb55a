namespace TalentFlow.Runtime.Membership;

/// <summary>A vote that a silo is dead, cast by a peer whose probes went unanswered.</summary>
/// <param name="Suspecter">The silo that voted.</param>
/// <param name="Time">When it voted; votes older than the expiry do not count.</param>
public sealed record SuspicionVote(SiloAddress Suspecter, DateTimeOffset Time);

/// <summary>One row of the membership table (Orleans: <c>MembershipEntry</c>).</summary>
public sealed record MembershipEntry
{
    /// <summary>The silo incarnation this row describes.</summary>
    public required SiloAddress Silo { get; init; }

    /// <summary>A readable name of the silo.</summary>
    public required string SiloName { get; init; }

    /// <summary>Its status.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>Roles it declares (e.g. <c>trainer</c>); grain classes with <see cref="PlacementRoleAttribute"/> need one.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Its last heartbeat.</summary>
    public required DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>Unexpired and expired votes that it is dead.</summary>
    public IReadOnlyList<SuspicionVote> Suspicions { get; init; } = [];
}

/// <summary>The version row of the membership table: bumped in the same transaction as every row change.</summary>
/// <param name="Version">Counts changes to the table.</param>
/// <param name="ETag">The concurrency token of the version row.</param>
public sealed record TableVersion(long Version, string ETag)
{
    /// <summary>The version a writer that read this one proposes (the ETag is checked, the new version written).</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}

/// <summary>A row and the ETag it was read with.</summary>
/// <param name="Entry">The row.</param>
/// <param name="ETag">Its concurrency token; an update must present it.</param>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);

/// <summary>A consistent read of the membership table.</summary>
/// <param name="Rows">The rows read.</param>
/// <param name="Version">The version row read in the same snapshot.</param>
public sealed record MembershipTableData(IReadOnlyList<MembershipRow> Rows, TableVersion Version);
