using System.Globalization;

namespace TalentFlow.Runtime.Reminders;

/// <summary>
/// Reminders in memory (the embedded default), with the PostgreSQL table's semantics: an upsert replaces the row and moves its
/// integer ETag on, a removal succeeds only with the current ETag. Times are kept to the microsecond, as PostgreSQL keeps them.
/// One instance holds one service's reminders.
/// </summary>
internal sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = [];

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. Ordered(_rows.Values)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. Ordered(_rows.Values.Where(r => r.GrainId == grainId))]);
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
    }

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (entry.GrainId, entry.ReminderName);
            int etag = _rows.TryGetValue(key, out var existing) ? unchecked(Parse(existing.ETag) + 1) : 0;
            string formatted = etag.ToString(CultureInfo.InvariantCulture);
            _rows[key] = entry with
            {
                StartAt = Truncate(entry.StartAt),
                Period = TimeSpan.FromTicks(entry.Period.Ticks - entry.Period.Ticks % 10),
                ETag = formatted,
            };
            return Task.FromResult(formatted);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (grainId, reminderName);
            if (!_rows.TryGetValue(key, out var row) || row.ETag != eTag) return Task.FromResult(false);
            _rows.Remove(key);
            return Task.FromResult(true);
        }
    }

    private static IEnumerable<ReminderEntry> Ordered(IEnumerable<ReminderEntry> rows) => rows
        .OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal)
        .ThenBy(r => r.ReminderName, StringComparer.Ordinal);

    private static int Parse(string etag) => int.Parse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static DateTimeOffset Truncate(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }
}
