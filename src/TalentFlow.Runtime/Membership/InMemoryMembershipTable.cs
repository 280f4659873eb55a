using System.Globalization;

namespace TalentFlow.Runtime.Membership;

/// <summary>
/// The membership table in memory (the embedded default, and the table a multi-silo test cluster in one process shares),
/// with the PostgreSQL table's semantics: integer ETags per row and on the version row, conditional inserts and updates that
/// change nothing and return false on a stale ETag, heartbeats that move neither, and a clean-up that deletes only Dead rows
/// (and bumps the version when it deletes any). Times are kept to the microsecond, as PostgreSQL keeps them.
/// One instance is one cluster; share the instance between silos (see <c>AddInMemoryMembership(services, table)</c>).
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable, IGatewayListProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, int ETag)> _rows = [];
    private (long Version, int ETag)? _version;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) _version ??= (0, 0);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult(Snapshot(_ => true));
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult(Snapshot(s => s == silo));
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!VersionMatches(version) || _rows.ContainsKey(entry.Silo)) return Task.FromResult(false);
            _rows[entry.Silo] = (Normalize(entry), 0);
            WriteVersion(version);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!VersionMatches(version)
                || !_rows.TryGetValue(entry.Silo, out var row)
                || !int.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int expected)
                || row.ETag != expected)
            {
                return Task.FromResult(false);
            }
            _rows[entry.Silo] = (Normalize(entry), unchecked(row.ETag + 1));
            WriteVersion(version);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var row))
            {
                _rows[silo] = (row.Entry with { IAmAliveTime = Truncate(iAmAliveTime) }, row.ETag);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = Truncate(beforeDate);
        lock (_lock)
        {
            var defunct = _rows.Where(r => r.Value.Entry.Status == SiloStatus.Dead && r.Value.Entry.IAmAliveTime < before)
                .Select(r => r.Key).ToList();
            foreach (var silo in defunct) _rows.Remove(silo);
            if (defunct.Count > 0 && _version is { } v) _version = (v.Version + 1, unchecked(v.ETag + 1));
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _rows.Clear();
            _version = null;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<string> gateways = [.. _rows.Values.Where(r => r.Entry.Status == SiloStatus.Active)
                .Select(r => r.Entry.Silo.Endpoint).Distinct().Order(StringComparer.Ordinal)];
            return Task.FromResult(gateways);
        }
    }

    private MembershipTableData Snapshot(Func<SiloAddress, bool> filter)
    {
        // A missing version row (never initialized, or deleted) reads as version 0 with an empty ETag that no write matches.
        var version = _version is { } v ? new TableVersion(v.Version, Format(v.ETag)) : new TableVersion(0, "");
        List<MembershipRow> rows = [.. _rows.Where(r => filter(r.Key))
            .OrderBy(r => r.Key)
            .Select(r => new MembershipRow(r.Value.Entry, Format(r.Value.ETag)))];
        return new MembershipTableData(rows, version);
    }

    private bool VersionMatches(TableVersion version) =>
        _version is { } v && int.TryParse(version.ETag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int etag) && v.ETag == etag;

    private void WriteVersion(TableVersion version) => _version = (version.Version, unchecked(_version!.Value.ETag + 1));

    private static MembershipEntry Normalize(MembershipEntry entry) => entry with
    {
        StartTime = Truncate(entry.StartTime),
        IAmAliveTime = Truncate(entry.IAmAliveTime),
        Roles = [.. entry.Roles],
        Suspicions = [.. entry.Suspicions.Select(s => s with { Time = Truncate(s.Time) })],
    };

    /// <summary>To UTC, to the microsecond: what a PostgreSQL <c>timestamptz</c> keeps.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    private static string Format(int etag) => etag.ToString(CultureInfo.InvariantCulture);
}
