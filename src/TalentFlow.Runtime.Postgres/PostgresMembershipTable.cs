using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Postgres.Internal;

namespace TalentFlow.Runtime.Postgres;

/// <summary>
/// The membership table in PostgreSQL (Orleans: <c>AdoNetClusteringTable</c>): one row per silo incarnation and one version row
/// per cluster. Every row change runs in one explicit transaction with a conditional bump of the version row
/// (<c>WHERE etag = @etag</c>); when either statement touches no row the transaction rolls back and the call returns false.
/// Also the <see cref="IGatewayListProvider"/> over the same rows.
/// </summary>
internal sealed partial class PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, ILogger logger)
    : IMembershipTable, IGatewayListProvider
{
    /// <summary>The cluster whose rows this table reads and writes.</summary>
    public string ClusterId { get; } = clusterId;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.ApplyAsync(dataSource, PostgresSchema.Membership, logger, cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(Sql.InsertVersion);
        command.Parameters.Add(Text("cluster", ClusterId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql.ReadAll);
        command.Parameters.Add(Text("cluster", ClusterId));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await using var command = dataSource.CreateCommand(Sql.ReadRow);
        command.Parameters.Add(Text("cluster", ClusterId));
        command.Parameters.Add(Text("address", silo.Endpoint));
        command.Parameters.Add(new NpgsqlParameter<long>("generation", silo.Generation));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return WriteAsync("insert", entry, rowETag: null, version, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(version);
        if (!TryParseETag(etag, out int rowETag)) return Task.FromResult(false);
        return WriteAsync("update", entry, rowETag, version, cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await using var command = dataSource.CreateCommand(Sql.UpdateIAmAlive);
        command.Parameters.Add(Text("cluster", ClusterId));
        command.Parameters.Add(Text("address", silo.Endpoint));
        command.Parameters.Add(new NpgsqlParameter<long>("generation", silo.Generation));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("iamalive", PostgresTime.ToStored(iAmAliveTime)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockVersion = new NpgsqlCommand(Sql.LockVersion, connection, transaction))
        {
            lockVersion.Parameters.Add(Text("cluster", ClusterId));
            if (await lockVersion.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null) return;
        }
        int deleted;
        await using (var delete = new NpgsqlCommand(Sql.DeleteDefunct, connection, transaction))
        {
            delete.Parameters.Add(Text("cluster", ClusterId));
            delete.Parameters.Add(new NpgsqlParameter<short>("dead", (short)SiloStatus.Dead));
            delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", PostgresTime.ToStored(beforeDate)));
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (deleted > 0)
        {
            await using var bump = new NpgsqlCommand(Sql.BumpVersion, connection, transaction);
            bump.Parameters.Add(Text("cluster", ClusterId));
            await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0) logger.DefunctRowsDeleted(deleted, ClusterId);
    }

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql.DeleteCluster);
        command.Parameters.Add(Text("cluster", ClusterId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql.ReadGateways);
        command.Parameters.Add(Text("cluster", ClusterId));
        command.Parameters.Add(new NpgsqlParameter<short>("active", (short)SiloStatus.Active));
        var gateways = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) gateways.Add(reader.GetString(0));
        return gateways;
    }

    private async Task<bool> WriteAsync(string operation, MembershipEntry entry, int? rowETag, TableVersion version, CancellationToken cancellationToken)
    {
        if (!TryParseETag(version.ETag, out int versionETag)) return false;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The version row first, always: every writer takes the same lock order, and a loser of the race waits on the row
        // lock, then re-checks the ETag (READ COMMITTED) and finds it moved on.
        await using (var bump = new NpgsqlCommand(Sql.WriteVersion, connection, transaction))
        {
            bump.Parameters.Add(Text("cluster", ClusterId));
            bump.Parameters.Add(new NpgsqlParameter<long>("version", version.Version));
            bump.Parameters.Add(new NpgsqlParameter<int>("etag", versionETag));
            if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return Rejected(operation, entry);
            }
        }
        await using (var write = new NpgsqlCommand(rowETag is null ? Sql.InsertRow : Sql.UpdateRow, connection, transaction))
        {
            AddRowParameters(write, entry);
            if (rowETag is { } etag) write.Parameters.Add(new NpgsqlParameter<int>("row_etag", etag));
            if (await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return Rejected(operation, entry);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool Rejected(string operation, MembershipEntry entry)
    {
        logger.MembershipWriteRejected(operation, entry.Silo, ClusterId);
        return false;
    }

    private void AddRowParameters(NpgsqlCommand command, MembershipEntry entry)
    {
        command.Parameters.Add(Text("cluster", ClusterId));
        command.Parameters.Add(Text("address", entry.Silo.Endpoint));
        command.Parameters.Add(new NpgsqlParameter<long>("generation", entry.Silo.Generation));
        command.Parameters.Add(Text("silo_name", entry.SiloName));
        command.Parameters.Add(new NpgsqlParameter<short>("status", (short)entry.Status));
        command.Parameters.Add(new NpgsqlParameter<string[]>("roles", [.. entry.Roles]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start_time", PostgresTime.ToStored(entry.StartTime)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("iamalive", PostgresTime.ToStored(entry.IAmAliveTime)));
        command.Parameters.Add(new NpgsqlParameter<string>("suspicions", SuspicionsJson.Write(entry.Suspicions)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static async Task<MembershipTableData> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<MembershipRow>();
        var version = new TableVersion(0, "");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version = new TableVersion(reader.GetInt64(0), FormatETag(reader.GetInt32(1)));
            if (reader.IsDBNull(2)) continue;
            var entry = new MembershipEntry
            {
                Silo = new SiloAddress(reader.GetString(2), reader.GetInt64(3)),
                SiloName = reader.GetString(4),
                Status = (SiloStatus)reader.GetInt16(5),
                Roles = reader.GetFieldValue<string[]>(6),
                StartTime = reader.GetFieldValue<DateTimeOffset>(7),
                IAmAliveTime = reader.GetFieldValue<DateTimeOffset>(8),
                Suspicions = SuspicionsJson.Read(reader.GetString(9)),
            };
            rows.Add(new MembershipRow(entry, FormatETag(reader.GetInt32(10))));
        }
        return new MembershipTableData(rows, version);
    }

    private static NpgsqlParameter<string> Text(string name, string value) => new(name, value);

    private static bool TryParseETag(string etag, out int value) =>
        int.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static string FormatETag(int etag) => etag.ToString(CultureInfo.InvariantCulture);
}
