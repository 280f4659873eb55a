using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Reminders;

/// <summary>
/// Fires the durable reminders of the grains this silo owns (Orleans: LocalReminderService). It rereads the table
/// periodically and whenever membership changes, so when an owner dies the new owner picks its reminders up. Ticks are
/// delivered at least once: handlers must be idempotent.
/// </summary>
internal sealed class ReminderService : IAsyncDisposable
{
    private readonly IReminderTable _table;
    private readonly SiloRuntime _runtime;
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ITimer? _refreshTimer;
    private volatile bool _stopped;

    public ReminderService(IReminderTable table, SiloRuntime runtime)
    {
        _table = table;
        _runtime = runtime;
    }

    public int LocalCount
    {
        get { lock (_local) return _local.Count; }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        var period = _runtime.Options.ReminderRefreshPeriod;
        _refreshTimer = _runtime.TimeProvider.CreateTimer(static s => _ = ((ReminderService)s!).RefreshQuietlyAsync(), this, period, period);
    }

    public void OnViewChanged() => _ = RefreshQuietlyAsync();

    public async Task RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = reminderName,
            StartAt = _runtime.TimeProvider.GetUtcNow() + dueTime,
            Period = period,
        };
        string etag = await _table.UpsertRowAsync(entry, cancellationToken).ConfigureAwait(false);
        Track(entry with { ETag = etag });
    }

    public async Task<bool> UnregisterAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var row = await _table.ReadRowAsync(grainId, reminderName, cancellationToken).ConfigureAwait(false);
        Untrack((grainId, reminderName));
        return row is not null && await _table.RemoveRowAsync(grainId, reminderName, row.ETag, cancellationToken).ConfigureAwait(false);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_stopped) return;
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<(GrainId, string)>();
            foreach (var entry in all)
            {
                if (!_runtime.IsLocalOwner(entry.GrainId)) continue;
                seen.Add((entry.GrainId, entry.ReminderName));
                Track(entry);
            }
            List<(GrainId, string)> gone;
            lock (_local) gone = [.. _local.Keys.Where(k => !seen.Contains(k))];
            foreach (var key in gone) Untrack(key);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_stopped)
        {
            _runtime.Log.ReminderRefreshFailed(ex);
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
    }

    private void Track(ReminderEntry entry)
    {
        if (_stopped) return;
        var key = (entry.GrainId, entry.ReminderName);
        lock (_local)
        {
            if (_local.TryGetValue(key, out var existing))
            {
                if (existing.Entry.ETag == entry.ETag) return;
                existing.Dispose();
            }
            _local[key] = new LocalReminder(entry, this);
        }
    }

    private void Untrack((GrainId, string) key)
    {
        lock (_local)
        {
            if (_local.Remove(key, out var reminder)) reminder.Dispose();
        }
    }

    private async Task FireAsync(ReminderEntry entry, DateTimeOffset tick)
    {
        try
        {
            var grain = _runtime.GrainFactory.GetGrain<IRemindable>(entry.GrainId);
            await grain.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, tick)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _runtime.Log.ReminderFailed(ex, entry.GrainId, entry.ReminderName);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopped = true;
        _refreshTimer?.Dispose();
        lock (_local)
        {
            foreach (var reminder in _local.Values) reminder.Dispose();
            _local.Clear();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>One reminder's timer on its owner: ticks at StartAt + k·Period.</summary>
    private sealed class LocalReminder : IDisposable
    {
        private readonly ReminderService _service;
        private readonly ITimer _timer;

        public LocalReminder(ReminderEntry entry, ReminderService service)
        {
            Entry = entry;
            _service = service;
            var now = service._runtime.TimeProvider.GetUtcNow();
            var due = entry.StartAt - now;
            if (due < TimeSpan.Zero)
            {
                // Catch up to the next tick on the schedule rather than firing every missed one.
                long missed = (long)Math.Ceiling((now - entry.StartAt) / entry.Period);
                due = entry.StartAt + (entry.Period * missed) - now;
            }
            _timer = service._runtime.TimeProvider.CreateTimer(static s => ((LocalReminder)s!).Tick(), this, due, entry.Period);
        }

        public ReminderEntry Entry { get; }

        private void Tick() => _ = _service.FireAsync(Entry, _service._runtime.TimeProvider.GetUtcNow());

        public void Dispose() => _timer.Dispose();
    }
}
