using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Postgres;

/// <summary>
/// Our schema (deploy/sql/orleans) against Orleans' own ADO.NET providers, called directly on a running silo: the fences
/// the cluster's safety rests on (membership version, grain state ETag, reminder ETag) and the paths a cluster rarely takes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetSchemaContractTests(PostgresFixture fixture)
{
    private async Task<PostgresSilos> CreateSutAsync() =>
        await PostgresSilos.StartAsync(await fixture.CreateDatabaseAsync("contract"), "contract-" + Guid.NewGuid().ToString("N")[..8], silos: 1);

    private static MembershipEntry NewEntry(int generation, DateTime now) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, 40000 + generation % 1000, generation),
        SiloName = "probe" + generation,
        HostName = "localhost",
        // Dead from the start: the live silo ignores such rows, so only the test moves the table's version.
        Status = SiloStatus.Dead,
        ProxyPort = 0,
        StartTime = now,
        IAmAliveTime = now,
    };

    [Fact]
    public async Task MembershipTable_StaleTableVersion_InsertAndUpdateAreRefusedAndNothingChanges()
    {
        await using var cluster = await CreateSutAsync();
        var table = cluster.SiloServices(0).GetRequiredService<IMembershipTable>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var before = await table.ReadAllAsync(default);
        var entry = NewEntry(7, now);

        bool inserted = await table.InsertRowAsync(entry, before.Version.Next(), default);
        bool staleInsert = await table.InsertRowAsync(NewEntry(8, now), before.Version.Next(), default);
        var afterInsert = await table.ReadAllAsync(default);
        entry.IAmAliveTime = now.AddMinutes(1);
        entry.SuspectTimes = [Tuple.Create(entry.SiloAddress, now)];
        // As Orleans' membership protocol does: the row's ETag as read back (10.4.2 refuses an update without it).
        string rowETag = afterInsert.TryGet(entry.SiloAddress)?.Item2 ?? throw new InvalidOperationException("inserted row not read back");
        bool staleUpdate = await table.UpdateRowAsync(entry, rowETag, before.Version.Next(), default);
        bool updated = await table.UpdateRowAsync(entry, rowETag, afterInsert.Version.Next(), default);
        var read = await table.ReadRowAsync(entry.SiloAddress, default);

        Assert.Equal((true, false, false, true), (inserted, staleInsert, staleUpdate, updated));
        Assert.Equal(before.Members.Count + 1, afterInsert.Members.Count);
        var row = Assert.Single(read.Members).Item1;
        Assert.Equal((SiloStatus.Dead, entry.SiloAddress), (row.Status, Assert.Single(row.SuspectTimes!).Item1));
        Assert.Equal(afterInsert.Version.Version + 1, read.Version.Version);
    }

    [Fact]
    public async Task MembershipTable_DefunctDeadRowOlderThanCutoff_IsCleanedUpAndActiveOnesStay()
    {
        await using var cluster = await CreateSutAsync();
        var table = cluster.SiloServices(0).GetRequiredService<IMembershipTable>();
        var old = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-10);
        var entry = NewEntry(9, old);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        await table.CleanupDefunctSiloEntriesAsync(TimeProvider.System.GetUtcNow().AddDays(-7), default);

        var rows = (await table.ReadAllAsync(default)).Members.Select(m => m.Item1).ToArray();
        Assert.DoesNotContain(rows, m => m.SiloAddress.Equals(entry.SiloAddress));
        Assert.Contains(rows, m => m.Status == SiloStatus.Active);
    }

    [Fact]
    public async Task GrainStorage_TwoWritersFromNoState_SecondIsRefusedThenClearAndRewriteKeepTheFence()
    {
        await using var cluster = await CreateSutAsync();
        var storage = cluster.SiloServices(0).GetRequiredKeyedService<IGrainStorage>("Default");
        var grain = GrainId.Create("counter", "fence");
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        var second = new GrainState<CounterState>(new CounterState { Value = 2 });

        await storage.WriteStateAsync("counter", grain, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, second));
        await storage.ClearStateAsync("counter", grain, first);
        var stale = new GrainState<CounterState>(new CounterState { Value = 3 }) { ETag = "1", RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, stale));
        first.State = new CounterState { Value = 4 };
        await storage.WriteStateAsync("counter", grain, first);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grain, read);

        Assert.Equal((4, "3", true), (read.State!.Value, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task ReminderTable_UpsertReadRangeAndDeleteWithStaleETag_FollowTheETag()
    {
        await using var cluster = await CreateSutAsync();
        var table = cluster.SiloServices(0).GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("probe", "r");
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "tick", StartAt = TimeProvider.System.GetUtcNow().UtcDateTime, Period = TimeSpan.FromMinutes(1) };

        string etag1 = await table.UpsertRow(entry) ?? throw new InvalidOperationException("no ETag");
        string etag2 = await table.UpsertRow(entry) ?? throw new InvalidOperationException("no ETag");
        uint hash = grain.GetUniformHashCode();
        var inRange = await table.ReadRows(hash - 1, hash);
        var wrapped = await table.ReadRows(hash, hash - 1);
        bool staleDelete = await table.RemoveRow(grain, "tick", etag1);
        bool delete = await table.RemoveRow(grain, "tick", etag2);

        Assert.NotEqual(etag1, etag2);
        Assert.Single(inRange.Reminders);
        Assert.Empty(wrapped.Reminders);
        Assert.Equal((false, true), (staleDelete, delete));
        Assert.Null(await table.ReadRow(grain, "tick"));
    }
}
