namespace TalentFlow.Runtime.Reminders;

/// <summary>A durable reminder: a grain is called back every <see cref="Period"/> from <see cref="StartAt"/> on.</summary>
public sealed record ReminderEntry
{
    /// <summary>The grain to call.</summary>
    public required GrainId GrainId { get; init; }

    /// <summary>The reminder's name, unique per grain.</summary>
    public required string ReminderName { get; init; }

    /// <summary>The first tick.</summary>
    public required DateTimeOffset StartAt { get; init; }

    /// <summary>Time between ticks.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Concurrency token; empty for a new entry.</summary>
    public string ETag { get; init; } = "";
}

/// <summary>Durable reminders (Orleans: <c>IReminderTable</c>): in memory for the embedded default, PostgreSQL for clusters.</summary>
public interface IReminderTable
{
    /// <summary>Creates the schema when missing. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>All reminders of the cluster (the silo keeps those whose grains it owns).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a reminder when its ETag matches; false otherwise.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);
}
