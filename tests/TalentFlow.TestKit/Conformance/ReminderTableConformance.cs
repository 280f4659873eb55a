using TalentFlow.Runtime;
using TalentFlow.Runtime.Reminders;
using Xunit;

namespace TalentFlow.TestKit.Conformance;

/// <summary>
/// What every <see cref="IReminderTable"/> must do (Orleans: ReminderTableTestsBase): upserts move the ETag on, removals need
/// the current ETag, reads are per grain and per service. A provider's test class derives from it.
/// </summary>
public abstract class ReminderTableConformance
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>Makes a table for <paramref name="serviceId"/>; the suite calls <see cref="IReminderTable.InitializeAsync"/>.</summary>
    protected abstract Task<IReminderTable> CreateTableAsync(string serviceId);

    private async Task<IReminderTable> CreateSutAsync(string? serviceId = null)
    {
        var table = await CreateTableAsync(serviceId ?? "s-" + Guid.NewGuid().ToString("N")[..12]);
        await table.InitializeAsync(default);
        return table;
    }

    private static ReminderEntry Reminder(GrainId grain, string name, int minutes = 5) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = T0,
        Period = TimeSpan.FromMinutes(minutes),
    };

    private static GrainId NewGrain() => new("job", "key/with/slashes-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task UpsertRowAsync_NewReminder_ReadsBackByNameAndByGrain()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        var entry = Reminder(grain, "retrain");

        string etag = await table.UpsertRowAsync(entry, default);

        var row = await table.ReadRowAsync(grain, "retrain", default);
        Assert.NotNull(row);
        Assert.Equal(entry with { ETag = etag }, row);
        Assert.Equal(row, Assert.Single(await table.ReadRowsAsync(grain, default)));
        Assert.Contains(row, await table.ReadAllAsync(default));
    }

    [Fact]
    public async Task UpsertRowAsync_ExistingReminder_ReplacesItAndChangesTheETag()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        string first = await table.UpsertRowAsync(Reminder(grain, "retrain"), default);

        string second = await table.UpsertRowAsync(Reminder(grain, "retrain", minutes: 10) with { StartAt = T0.AddHours(1) }, default);

        Assert.NotEqual(first, second);
        var row = Assert.Single(await table.ReadRowsAsync(grain, default));
        Assert.Equal(TimeSpan.FromMinutes(10), row.Period);
        Assert.Equal(T0.AddHours(1), row.StartAt);
        Assert.Equal(second, row.ETag);
    }

    [Fact]
    public async Task RemoveRowAsync_CurrentETag_RemovesTheReminder()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        string etag = await table.UpsertRowAsync(Reminder(grain, "retrain"), default);

        Assert.True(await table.RemoveRowAsync(grain, "retrain", etag, default));

        Assert.Null(await table.ReadRowAsync(grain, "retrain", default));
        Assert.False(await table.RemoveRowAsync(grain, "retrain", etag, default));
    }

    [Fact]
    public async Task RemoveRowAsync_StaleETag_ReturnsFalseAndKeepsTheReminder()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        string stale = await table.UpsertRowAsync(Reminder(grain, "retrain"), default);
        string current = await table.UpsertRowAsync(Reminder(grain, "retrain", minutes: 7), default);

        Assert.False(await table.RemoveRowAsync(grain, "retrain", stale, default));
        Assert.False(await table.RemoveRowAsync(grain, "retrain", "not-an-etag", default));

        Assert.Equal(current, (await table.ReadRowAsync(grain, "retrain", default))?.ETag);
    }

    [Fact]
    public async Task ReadRowsAsync_SeveralGrains_ReturnsOnlyThatGrainsReminders()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        var other = NewGrain();
        await table.UpsertRowAsync(Reminder(grain, "a"), default);
        await table.UpsertRowAsync(Reminder(grain, "b"), default);
        await table.UpsertRowAsync(Reminder(other, "a"), default);

        var rows = await table.ReadRowsAsync(grain, default);

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
        Assert.Equal(3, (await table.ReadAllAsync(default)).Count);
    }

    [Fact]
    public async Task ReadRowAsync_MissingReminder_ReturnsNull()
    {
        var table = await CreateSutAsync();

        Assert.Null(await table.ReadRowAsync(NewGrain(), "nothing", default));
        Assert.Empty(await table.ReadAllAsync(default));
    }

    [Fact]
    public async Task ReadAllAsync_TwoServices_SeeOnlyTheirOwnReminders()
    {
        var a = await CreateSutAsync();
        var b = await CreateSutAsync();
        var grain = NewGrain();
        await a.UpsertRowAsync(Reminder(grain, "retrain"), default);

        Assert.Empty(await b.ReadAllAsync(default));
        Assert.Null(await b.ReadRowAsync(grain, "retrain", default));
        Assert.Single(await a.ReadAllAsync(default));
    }

    [Fact]
    public async Task UpsertRowAsync_ManyInParallel_EveryUpsertGetsADistinctETag()
    {
        var table = await CreateSutAsync();
        var grain = NewGrain();
        await table.UpsertRowAsync(Reminder(grain, "retrain"), default);

        string[] etags = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => table.UpsertRowAsync(Reminder(grain, "retrain", i), default))));

        Assert.Equal(8, etags.Distinct().Count());
        Assert.Contains((await table.ReadRowAsync(grain, "retrain", default))!.ETag, etags);
    }
}
