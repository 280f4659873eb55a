using Npgsql;
using TalentFlow.Hosting.Schema;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class TalentFlowSchemaTests(PostgresFixture fixture)
{
    private async Task<NpgsqlDataSource> CreateSutAsync() => NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync("schema"));

    [Fact]
    public async Task ApplyAsync_SixSilosAtOnce_EachScriptAppliedExactlyOnce()
    {
        await using var dataSource = await CreateSutAsync();

        // Six "silos", each with its own pool, as separate processes would be.
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var own = NpgsqlDataSource.Create(dataSource.ConnectionString);
            return await TalentFlowSchema.ApplyAsync(own);
        }));

        Assert.Equal(TalentFlowSchema.Scripts, runs.Single(r => r.Count > 0));
        Assert.Equal(5, runs.Count(r => r.Count == 0));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM talentflow_schema_migrations");
        Assert.Equal((long)TalentFlowSchema.Scripts.Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ApplyAsync_AfterAFirstRun_AppliesNothingAndKeepsRows()
    {
        await using var dataSource = await CreateSutAsync();
        await TalentFlowSchema.ApplyAsync(dataSource);
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO talentflow_grain_records (service_id, grain_type, grain_key, set_name, record_key, data, version) VALUES ('s','job','j','results','c',NULL,1)"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var second = await TalentFlowSchema.ApplyAsync(dataSource);

        Assert.Empty(second);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM talentflow_grain_records");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public void Load_EveryListedScript_IsEmbedded()
    {
        Assert.All(TalentFlowSchema.Scripts, script => Assert.Contains("CREATE TABLE", TalentFlowSchema.Load(script), StringComparison.Ordinal));
    }
}
