using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Placement;

namespace TalentFlow.Runtime.Membership;

/// <summary>
/// The silo's side of the membership protocol (Orleans: MembershipTableManager + ClusterHealthMonitor): joins as a new
/// generation, heartbeats, rereads the table, probes peers, votes the silent ones dead with expiring votes, and stops the
/// silo when the table says it is dead. Every table change is a conditional write, retried on conflict.
/// </summary>
internal sealed partial class MembershipService : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private readonly List<ITimer> _timers = [];
    private volatile MembershipView _view = MembershipView.Empty;
    private int _probing;

    public MembershipService(IMembershipTable table, MembershipOptions options, TimeProvider time, ILogger log, HttpClient http)
    {
        _table = table;
        _options = options;
        _time = time;
        _log = log;
        _http = http;
    }

    public MembershipView View => _view;

    public HttpClient Http => _http;

    public SiloAddress? Local { get; private set; }

    public SiloStatus LocalStatus { get; private set; }

    /// <summary>Raised after the view changes (on a pool thread).</summary>
    public event Action<MembershipView>? ViewChanged;

    /// <summary>Raised once when the table says this silo is dead.</summary>
    public event Action? DeclaredDead;

    /// <summary>Joins: declares older generations of this endpoint dead, inserts a Joining row. Returns the generation used.</summary>
    public async Task<SiloAddress> JoinAsync(string endpoint, string siloName, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await _table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; ; attempt++)
        {
            var data = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            long generation = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var row in data.Rows)
            {
                if (row.Entry.Silo.Endpoint == endpoint) generation = Math.Max(generation, row.Entry.Silo.Generation + 1);
            }
            var stale = data.Rows.FirstOrDefault(r => r.Entry.Silo.Endpoint == endpoint && r.Entry.Status != SiloStatus.Dead);
            bool ok;
            if (stale is not null)
            {
                // An earlier incarnation on this endpoint is gone (we are it, restarted): say so before joining.
                ok = await _table.UpdateRowAsync(stale.Entry with { Status = SiloStatus.Dead }, stale.ETag, data.Version.Next(), cancellationToken).ConfigureAwait(false);
                if (ok) _log.DeclaredDead(stale.Entry.Silo, 0);
                continue;
            }
            var now = _time.GetUtcNow();
            var local = new SiloAddress(endpoint, generation);
            var entry = new MembershipEntry
            {
                Silo = local,
                SiloName = siloName,
                Status = SiloStatus.Joining,
                Roles = roles,
                StartTime = now,
                IAmAliveTime = now,
            };
            ok = await _table.InsertRowAsync(entry, data.Version.Next(), cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                Local = local;
                LocalStatus = SiloStatus.Joining;
                return local;
            }
            if (attempt > 50) throw new InvalidOperationException("Could not join the membership table: too many conflicting writers.");
            await Task.Delay(TimeSpan.FromMilliseconds(10 + Random.Shared.Next(40)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts heartbeats, table refreshes and probes.</summary>
    public void StartMonitoring()
    {
        _timers.Add(_time.CreateTimer(static s => _ = ((MembershipService)s!).HeartbeatAsync(), this, _options.IAmAliveInterval, _options.IAmAliveInterval));
        _timers.Add(_time.CreateTimer(static s => _ = ((MembershipService)s!).RefreshQuietlyAsync(), this, _options.TableRefreshInterval, _options.TableRefreshInterval));
        _timers.Add(_time.CreateTimer(static s => _ = ((MembershipService)s!).ProbeAsync(), this, _options.ProbeInterval, _options.ProbeInterval));
    }

    public void StopMonitoring()
    {
        foreach (var timer in _timers) timer.Dispose();
        _timers.Clear();
    }

    /// <summary>Writes this silo's status, retrying on conflicts; false when the row says it is already dead.</summary>
    public async Task<bool> UpdateStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        var local = Local ?? throw new InvalidOperationException("The silo has not joined.");
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var data = await _table.ReadRowAsync(local, cancellationToken).ConfigureAwait(false);
            var row = data.Rows.FirstOrDefault(r => r.Entry.Silo == local);
            if (row is null || row.Entry.Status == SiloStatus.Dead) return false;
            var updated = row.Entry with { Status = status, IAmAliveTime = _time.GetUtcNow() };
            if (await _table.UpdateRowAsync(updated, row.ETag, data.Version.Next(), cancellationToken).ConfigureAwait(false))
            {
                LocalStatus = status;
                await RefreshAsync(-1, cancellationToken).ConfigureAwait(false);
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"Could not write status {status} for {local}: too many conflicting writers.");
    }

    /// <summary>Rereads the table when the view is older than <paramref name="minVersion"/>, or always for -1.</summary>
    public async Task RefreshAsync(long minVersion, CancellationToken cancellationToken)
    {
        if (minVersion >= 0 && _view.Version >= minVersion) return;
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (minVersion >= 0 && _view.Version >= minVersion) return;
            var data = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            Apply(data);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private void Apply(MembershipTableData data)
    {
        var old = _view;
        if (data.Version.Version < old.Version) return;
        var view = new MembershipView(data.Version.Version, [.. data.Rows.Select(r => r.Entry)]);
        _view = view;
        if (Local is { } local && LocalStatus != SiloStatus.Dead && view.Find(local) is { Status: SiloStatus.Dead })
        {
            LocalStatus = SiloStatus.Dead;
            _log.DeclaredDeadByPeers(local);
            DeclaredDead?.Invoke();
        }
        if (view.Version != old.Version)
        {
            _log.ViewChanged(view.Version, view.ActiveSilos.Count);
            ViewChanged?.Invoke(view);
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(-1, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.MembershipTableFailed(ex);
        }
    }

    private async Task HeartbeatAsync()
    {
        if (Local is not { } local || LocalStatus == SiloStatus.Dead) return;
        try
        {
            await _table.UpdateIAmAliveAsync(local, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.MembershipTableFailed(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        StopMonitoring();
        // The refresh gate is not disposed: a SemaphoreSlim without a wait handle holds nothing to free, and a refresh still
        // unwinding (a stop racing disposal) must be able to release it.
        await Task.Yield();
    }
}
