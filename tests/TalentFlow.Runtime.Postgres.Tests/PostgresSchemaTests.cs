using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TalentFlow.Runtime.Postgres.Internal;

namespace TalentFlow.Runtime.Postgres.Tests;

/// <summary>The embedded schema applies idempotently, also when silos start together on an empty database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture fixture)
{
    [Theory]
    [InlineData(PostgresSchema.Membership)]
    [InlineData(PostgresSchema.GrainState)]
    [InlineData(PostgresSchema.Reminders)]
    [InlineData(PostgresSchema.GrainRecords)]
    public void Load_EachScript_IsEmbeddedAndIdempotent(string script)
    {
        string sql = PostgresSchema.Load(script);

        Assert.Contains("CREATE TABLE IF NOT EXISTS", sql);
        string statements = string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        Assert.DoesNotContain("ASSERT", statements, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InitializeAsync_Twice_KeepsTablesAndRows()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync("schema_twice"));
        var membership = new PostgresMembershipTable(dataSource, "c1", NullLogger.Instance);
        var storage = new PostgresGrainStorage(dataSource, "s1", NullLogger.Instance);
        var reminders = new PostgresReminderTable(dataSource, "s1", NullLogger.Instance);
        await membership.InitializeAsync(default);
        await storage.InitializeAsync(default);
        await reminders.InitializeAsync(default);
        var grain = new GrainId("counter", "1");
        await storage.WriteAsync(grain, "state", "{}"u8.ToArray(), 0, default);

        await membership.InitializeAsync(default);
        await storage.InitializeAsync(default);
        await reminders.InitializeAsync(default);

        Assert.Equal(1, (await storage.ReadAsync(grain, "state", default)).Version);
        Assert.Equal(0, (await membership.ReadAllAsync(default)).Version.Version);
        Assert.Equal(["talentflow_grain_records", "talentflow_grain_state", "talentflow_membership", "talentflow_membership_version", "talentflow_reminders"], await TablesAsync(dataSource));
    }

    [Fact]
    public async Task InitializeAsync_ThreeSilosInParallelOnAnEmptyDatabase_AllSucceedWithOneVersionRow()
    {
        string connectionString = await fixture.Server.CreateDatabaseAsync("schema_parallel");
        var dataSources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var silos = dataSources.Select(ds => Task.Run(async () =>
            {
                await gate.Task;
                await Task.WhenAll(
                    new PostgresMembershipTable(ds, "cluster", NullLogger.Instance).InitializeAsync(default),
                    new PostgresGrainStorage(ds, "service", NullLogger.Instance).InitializeAsync(default),
                    new PostgresReminderTable(ds, "service", NullLogger.Instance).InitializeAsync(default));
            })).ToArray();
            gate.SetResult();

            await Task.WhenAll(silos);

            Assert.Equal(["talentflow_grain_records", "talentflow_grain_state", "talentflow_membership", "talentflow_membership_version", "talentflow_reminders"], await TablesAsync(dataSources[0]));
            await using var count = dataSources[0].CreateCommand("SELECT count(*) FROM talentflow_membership_version WHERE cluster_id = 'cluster'");
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var ds in dataSources) await ds.DisposeAsync();
        }
    }

    private static async Task<List<string>> TablesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'talentflow%' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
