using TalentFlow.Runtime.Membership;
using Xunit;

namespace TalentFlow.TestKit.Conformance;

/// <summary>
/// What every <see cref="IMembershipTable"/> must do (Orleans: MembershipTableTestsBase). A provider's test class derives
/// from it and says how to make a table; every test uses a fresh cluster id.
/// </summary>
public abstract class MembershipTableConformance
{
    /// <summary>A point in time with microseconds, which every provider must keep.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>Makes a table for <paramref name="clusterId"/>; the suite calls <see cref="IMembershipTable.InitializeAsync"/>.</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync(string clusterId);

    /// <summary>The gateway list over <paramref name="table"/>; by default the table itself.</summary>
    protected virtual IGatewayListProvider GetGatewayListProvider(IMembershipTable table) => (IGatewayListProvider)table;

    private async Task<IMembershipTable> CreateSutAsync(string? clusterId = null)
    {
        var table = await CreateTableAsync(clusterId ?? "c-" + Guid.NewGuid().ToString("N")[..12]);
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }

    protected static MembershipEntry Entry(string endpoint, long generation = 1, SiloStatus status = SiloStatus.Joining, DateTimeOffset? alive = null) => new()
    {
        Silo = new SiloAddress(endpoint, generation),
        SiloName = "silo-" + endpoint,
        Status = status,
        Roles = ["trainer", "web"],
        StartTime = T0,
        IAmAliveTime = alive ?? T0,
        Suspicions = [new SuspicionVote(new SiloAddress("10.0.0.9:1", 7), T0.AddSeconds(1))],
    };

    [Fact]
    public async Task InitializeAsync_Twice_EmptyTableAtVersionZero()
    {
        var table = await CreateSutAsync();
        await table.InitializeAsync(CancellationToken.None);

        var data = await table.ReadAllAsync(CancellationToken.None);

        Assert.Empty(data.Rows);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.ETag));
    }

    [Fact]
    public async Task InsertRowAsync_NewSilo_ReadsBackEveryFieldAndBumpsVersion()
    {
        var table = await CreateSutAsync();
        var before = await table.ReadAllAsync(CancellationToken.None);
        var entry = Entry("127.0.0.1:1000");

        Assert.True(await table.InsertRowAsync(entry, before.Version.Next(), CancellationToken.None));

        var all = await table.ReadAllAsync(CancellationToken.None);
        var row = Assert.Single(all.Rows);
        AssertSameEntry(entry, row.Entry);
        Assert.Equal(1, all.Version.Version);
        Assert.NotEqual(before.Version.ETag, all.Version.ETag);
        var one = await table.ReadRowAsync(entry.Silo, CancellationToken.None);
        AssertSameEntry(entry, Assert.Single(one.Rows).Entry);
        Assert.Equal(all.Version, one.Version);
    }

    [Fact]
    public async Task InsertRowAsync_SameSiloTwice_SecondReturnsFalse()
    {
        var table = await CreateSutAsync();
        var entry = Entry("127.0.0.1:1000");
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.False(await table.InsertRowAsync(entry with { SiloName = "other" }, data.Version.Next(), default));

        var after = await table.ReadAllAsync(default);
        Assert.Equal("silo-127.0.0.1:1000", Assert.Single(after.Rows).Entry.SiloName);
        Assert.Equal(data.Version, after.Version);
    }

    [Fact]
    public async Task InsertRowAsync_StaleVersionETag_ReturnsFalseAndChangesNothing()
    {
        var table = await CreateSutAsync();
        var stale = (await table.ReadAllAsync(default)).Version;
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1000"), stale.Next(), default));

        Assert.False(await table.InsertRowAsync(Entry("127.0.0.1:2000"), stale.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal("127.0.0.1:1000", Assert.Single(data.Rows).Entry.Silo.Endpoint);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_CurrentETags_ReplacesRowAndBumpsVersion()
    {
        var table = await CreateSutAsync();
        var entry = Entry("127.0.0.1:1000");
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        var read = await table.ReadRowAsync(entry.Silo, default);
        var row = Assert.Single(read.Rows);
        var updated = entry with { Status = SiloStatus.Active, Roles = ["web"], Suspicions = [], IAmAliveTime = T0.AddMinutes(1) };

        Assert.True(await table.UpdateRowAsync(updated, row.ETag, read.Version.Next(), default));

        var after = await table.ReadAllAsync(default);
        var newRow = Assert.Single(after.Rows);
        AssertSameEntry(updated, newRow.Entry);
        Assert.NotEqual(row.ETag, newRow.ETag);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_StaleRowETag_ReturnsFalseAndChangesNothing()
    {
        var table = await CreateSutAsync();
        var entry = Entry("127.0.0.1:1000");
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        var first = await table.ReadAllAsync(default);
        string staleRowETag = first.Rows[0].ETag;
        Assert.True(await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, staleRowETag, first.Version.Next(), default));
        var current = await table.ReadAllAsync(default);

        Assert.False(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, staleRowETag, current.Version.Next(), default));

        var after = await table.ReadAllAsync(default);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Rows).Entry.Status);
        Assert.Equal(current.Version, after.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_StaleVersionETag_ReturnsFalseAndChangesNothing()
    {
        var table = await CreateSutAsync();
        var a = Entry("127.0.0.1:1000");
        var b = Entry("127.0.0.1:2000");
        Assert.True(await table.InsertRowAsync(a, (await table.ReadAllAsync(default)).Version.Next(), default));
        var stale = await table.ReadAllAsync(default);
        Assert.True(await table.InsertRowAsync(b, stale.Version.Next(), default));

        Assert.False(await table.UpdateRowAsync(a with { Status = SiloStatus.Active }, stale.Rows[0].ETag, stale.Version.Next(), default));

        var after = await table.ReadRowAsync(a.Silo, default);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Rows).Entry.Status);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_UnknownSilo_ReturnsFalse()
    {
        var table = await CreateSutAsync();
        var data = await table.ReadAllAsync(default);

        Assert.False(await table.UpdateRowAsync(Entry("127.0.0.1:1000"), "0", data.Version.Next(), default));
        Assert.Equal(data.Version, (await table.ReadAllAsync(default)).Version);
    }

    [Fact]
    public async Task UpdateRowAsync_TwoInParallelFromOneRead_ExactlyOneWins()
    {
        var table = await CreateSutAsync();
        var entry = Entry("127.0.0.1:1000");
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        for (int round = 0; round < 20; round++)
        {
            var read = await table.ReadAllAsync(default);
            var row = read.Rows[0];
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = Task.Run(async () =>
            {
                await gate.Task;
                return await table.UpdateRowAsync(row.Entry with { SiloName = "first" }, row.ETag, read.Version.Next(), default);
            });
            var second = Task.Run(async () =>
            {
                await gate.Task;
                return await table.UpdateRowAsync(row.Entry with { SiloName = "second" }, row.ETag, read.Version.Next(), default);
            });
            gate.SetResult();
            bool[] results = await Task.WhenAll(first, second);

            Assert.Equal(1, results.Count(r => r));
            var after = await table.ReadAllAsync(default);
            Assert.Equal(results[0] ? "first" : "second", after.Rows[0].Entry.SiloName);
            Assert.Equal(read.Version.Version + 1, after.Version.Version);
        }
    }

    [Fact]
    public async Task InsertRowAsync_EightSilosInParallelFromOneRead_ExactlyOneWins()
    {
        var table = await CreateSutAsync();
        var read = await table.ReadAllAsync(default);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inserts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await table.InsertRowAsync(Entry("127.0.0.1:" + (3000 + i)), read.Version.Next(), default);
        })).ToArray();
        gate.SetResult();

        bool[] results = await Task.WhenAll(inserts);

        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadAllAsync(default);
        Assert.Single(after.Rows);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateIAmAliveAsync_ExistingRow_ChangesOnlyTheHeartbeat()
    {
        var table = await CreateSutAsync();
        var entry = Entry("127.0.0.1:1000");
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        var before = await table.ReadAllAsync(default);

        await table.UpdateIAmAliveAsync(entry.Silo, T0.AddSeconds(30), default);

        var after = await table.ReadAllAsync(default);
        var row = Assert.Single(after.Rows);
        AssertSameEntry(entry with { IAmAliveTime = T0.AddSeconds(30) }, row.Entry);
        Assert.Equal(before.Rows[0].ETag, row.ETag);
        Assert.Equal(before.Version, after.Version);
        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, after.Version.Next(), default));
    }

    [Fact]
    public async Task UpdateIAmAliveAsync_UnknownSilo_ChangesNothing()
    {
        var table = await CreateSutAsync();
        await table.UpdateIAmAliveAsync(new SiloAddress("127.0.0.1:9", 1), T0, default);

        var data = await table.ReadAllAsync(default);
        Assert.Empty(data.Rows);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_MixedRows_RemovesOnlyDeadRowsOlderThanTheDate()
    {
        var table = await CreateSutAsync();
        var old = T0;
        var recent = T0.AddHours(2);
        MembershipEntry[] entries =
        [
            Entry("127.0.0.1:1", status: SiloStatus.Dead, alive: old),
            Entry("127.0.0.1:2", status: SiloStatus.Dead, alive: recent),
            Entry("127.0.0.1:3", status: SiloStatus.Active, alive: old),
            Entry("127.0.0.1:4", status: SiloStatus.Joining, alive: old),
            Entry("127.0.0.1:5", status: SiloStatus.ShuttingDown, alive: old),
        ];
        foreach (var entry in entries)
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        }
        var before = await table.ReadAllAsync(default);

        await table.CleanupDefunctSiloEntriesAsync(T0.AddHours(1), default);

        var after = await table.ReadAllAsync(default);
        Assert.Equal(["127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4", "127.0.0.1:5"],
            after.Rows.Select(r => r.Entry.Silo.Endpoint).Order(StringComparer.Ordinal));
        Assert.True(after.Version.Version > before.Version.Version, "deleting rows moves the version");
        Assert.False(await table.InsertRowAsync(Entry("127.0.0.1:6"), before.Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:6"), after.Version.Next(), default));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesAsync_NothingToDelete_KeepsVersion()
    {
        var table = await CreateSutAsync();
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1", status: SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));
        var before = await table.ReadAllAsync(default);

        await table.CleanupDefunctSiloEntriesAsync(T0.AddDays(1), default);

        var after = await table.ReadAllAsync(default);
        Assert.Single(after.Rows);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task GetGatewaysAsync_MixedStatuses_ListsOnlyActiveEndpoints()
    {
        var table = await CreateSutAsync();
        var statuses = new[] { SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead, SiloStatus.Active };
        for (int i = 0; i < statuses.Length; i++)
        {
            var entry = Entry("127.0.0.1:" + (1000 + i), status: statuses[i]);
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        }

        var gateways = await GetGatewayListProvider(table).GetGatewaysAsync(default);

        Assert.Equal(["127.0.0.1:1001", "127.0.0.1:1004"], gateways.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteMembershipTableEntriesAsync_Cluster_RemovesRowsAndVersionUntilReinitialized()
    {
        var table = await CreateSutAsync();
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1"), (await table.ReadAllAsync(default)).Version.Next(), default));

        await table.DeleteMembershipTableEntriesAsync(default);

        var gone = await table.ReadAllAsync(default);
        Assert.Empty(gone.Rows);
        Assert.Equal(0, gone.Version.Version);
        Assert.False(await table.InsertRowAsync(Entry("127.0.0.1:2"), gone.Version.Next(), default));
        await table.InitializeAsync(default);
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:2"), (await table.ReadAllAsync(default)).Version.Next(), default));
    }

    [Fact]
    public async Task ReadRowAsync_UnknownSilo_ReturnsNoRowButTheVersion()
    {
        var table = await CreateSutAsync();
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1"), (await table.ReadAllAsync(default)).Version.Next(), default));

        var data = await table.ReadRowAsync(new SiloAddress("127.0.0.1:1", 2), default);

        Assert.Empty(data.Rows);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task InsertRowAsync_NewGenerationOnSameEndpoint_IsAnotherRow()
    {
        var table = await CreateSutAsync();
        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1", 1, SiloStatus.Dead), (await table.ReadAllAsync(default)).Version.Next(), default));

        Assert.True(await table.InsertRowAsync(Entry("127.0.0.1:1", 2), (await table.ReadAllAsync(default)).Version.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal([1L, 2L], data.Rows.Select(r => r.Entry.Silo.Generation).Order());
    }

    [Fact]
    public async Task ReadAllAsync_TwoClusters_SeeOnlyTheirOwnRows()
    {
        var a = await CreateSutAsync();
        var b = await CreateSutAsync();
        Assert.True(await a.InsertRowAsync(Entry("127.0.0.1:1"), (await a.ReadAllAsync(default)).Version.Next(), default));

        var data = await b.ReadAllAsync(default);

        Assert.Empty(data.Rows);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRowAsync_FourSilosRetryingOnConflict_EveryChangeLandsAndCountsInTheVersion()
    {
        var table = await CreateSutAsync();
        var silos = Enumerable.Range(0, 4).Select(i => Entry("127.0.0.1:" + (4000 + i))).ToArray();
        foreach (var silo in silos)
        {
            Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(default)).Version.Next(), default));
        }

        await Task.WhenAll(silos.Select(silo => Task.Run(async () =>
        {
            for (int i = 1; i <= 5; i++)
            {
                while (true)
                {
                    var read = await table.ReadRowAsync(silo.Silo, default);
                    var row = read.Rows[0];
                    var changed = row.Entry with { IAmAliveTime = T0.AddSeconds(i) };
                    if (await table.UpdateRowAsync(changed, row.ETag, read.Version.Next(), default)) break;
                }
            }
        })));

        var data = await table.ReadAllAsync(default);
        Assert.All(data.Rows, r => Assert.Equal(T0.AddSeconds(5), r.Entry.IAmAliveTime));
        Assert.Equal(4 + 4 * 5, data.Version.Version);
    }

    protected static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.Silo, actual.Silo);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.Suspicions, actual.Suspicions);
    }
}
