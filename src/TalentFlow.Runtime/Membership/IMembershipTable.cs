namespace TalentFlow.Runtime.Membership;

/// <summary>
/// The shared table through which silos agree on who is in the cluster (Orleans: <c>IMembershipTable</c>). Every row change
/// also moves the version row, in one transaction, and succeeds only when the row's and the version's ETags still match.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the schema and the version row for the cluster when missing. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads every row and the version, consistently.</summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Reads one silo's row (if any) and the version.</summary>
    Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a row and writes <paramref name="version"/>, when the stored version row's ETag is <c>version.ETag</c> and no row
    /// for that silo exists. Returns false (changing nothing) otherwise.
    /// </summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a row and writes <paramref name="version"/>, when the row's ETag is <paramref name="etag"/> and the version row's
    /// ETag is <c>version.ETag</c>. Returns false (changing nothing) otherwise.
    /// </summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken);

    /// <summary>Writes only the heartbeat time of a row; no version change, no ETag check.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken);

    /// <summary>Deletes rows of Dead silos whose heartbeat is older than <paramref name="beforeDate"/>; never a live row.</summary>
    Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken);

    /// <summary>Deletes the cluster's rows and version (tests and tear-down).</summary>
    Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken);
}

/// <summary>The endpoints of Active silos that clients may connect to (Orleans: <c>IGatewayListProvider</c>).</summary>
public interface IGatewayListProvider
{
    /// <summary>Endpoints (<c>host:port</c>) of Active silos.</summary>
    Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken);
}
