using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Postgres;

/// <summary>Silos on a real PostgreSQL through Orleans' ADO.NET providers, wired by AddTalentFlowOrleans.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture fixture)
{
    /// <summary>
    /// Grain storage, records and reminders on PostgreSQL; membership is the test host's own (InProcessTestCluster cannot
    /// switch it off), so a silo can be killed. ADO.NET membership is covered by the restart test on real hosts.
    /// </summary>
    private static InProcessTestCluster CreateSut(string connectionString, TickLog ticks)
    {
        var builder = new InProcessTestClusterBuilder(2).WithTestWire();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTalentFlowOrleans(o =>
            {
                o.Apply();
                o.ConnectionString = connectionString;
                o.ConfigureClustering = false;
            });
            silo.Services.AddSingleton(ticks);
            // Reminders every second in a test; production keeps Orleans' one-minute minimum.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        return builder.Build();
    }

    [Fact]
    public async Task WriteState_BothSilosOnAdoNetMembershipRestarted_StateAndRecordsSurvive()
    {
        string connectionString = await fixture.CreateDatabaseAsync("restart");
        string clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        await using (var first = await PostgresSilos.StartAsync(connectionString, clusterId, silos: 2))
        {
            var counters = Enumerable.Range(0, 6).Select(i => first.Client.GetGrain<ICounterGrain>("c" + i)).ToArray();
            foreach (var counter in counters)
            {
                await counter.AddAsync(2, "a");
                await counter.AddAsync(3, "b");
            }
            Assert.Equal(2, await first.ActiveSiloCountAsync());
        }

        await using var second = await PostgresSilos.StartAsync(connectionString, clusterId, silos: 2);
        var read = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => second.Client.GetGrain<ICounterGrain>("c" + i).GetAsync()));

        Assert.All(read, r =>
        {
            Assert.Equal(5, r.Value);
            Assert.Equal(["a", "b"], r.History);
            Assert.Equal(["a", "b"], r.Notes);
        });
        Assert.Equal(7, await second.Client.GetGrain<ICounterGrain>("c0").AddAsync(2, "c"));
        // The providers really were PostgreSQL's: four silo rows (two per start), six states, twelve records.
        Assert.Equal(4L, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_membership WHERE DeploymentId = '" + clusterId + "'"));
        Assert.Equal(6L, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_grain_state WHERE ServiceId = '" + clusterId + "'"));
        Assert.Equal(13L, await ScalarAsync(connectionString, "SELECT count(*) FROM talentflow_grain_records WHERE service_id = '" + clusterId + "'"));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Reminder_SiloKilled_EveryReminderKeepsFiringOnTheSurvivor()
    {
        string connectionString = await fixture.CreateDatabaseAsync("reminders");
        var ticks = new TickLog();
        await using var cluster = CreateSut(connectionString, ticks);
        await cluster.DeployAsync();
        var keys = Enumerable.Range(0, 16).Select(i => "r" + i).ToArray();
        foreach (string key in keys) await cluster.Client.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(1));
        await Eventually.GetAsync(() => Task.FromResult(keys.All(k => ticks.TicksSince(k, 0) > 0) ? true : throw new InvalidOperationException("not all ticked")),
            TimeSpan.FromSeconds(30), "a first tick of every reminder");
        var victim = cluster.Silos.Single(s => s.Name == "Silo_1");
        Assert.Contains(ticks.ByGrain.Values.SelectMany(q => q), t => t.Silo == victim.Name);

        await cluster.KillSiloAsync(victim);
        long killedAt = Stopwatch.GetTimestamp();

        await Eventually.GetAsync(
            () => Task.FromResult(keys.All(k => ticks.TicksSince(k, killedAt) >= 2) ? true : throw new InvalidOperationException(
                "waiting for: " + string.Join(",", keys.Where(k => ticks.TicksSince(k, killedAt) < 2)))),
            TimeSpan.FromSeconds(90), "every reminder ticking twice after the kill");
        Assert.All(keys, k => Assert.All(ticks.ByGrain[k].Where(t => t.At > killedAt).Skip(1), t => Assert.Equal("Silo_0", t.Silo)));
        Assert.Equal(16L, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_reminders"));
    }
}
