using System.Collections.Concurrent;
using Orleans.TestingHost;
using TalentFlow.Hosting.Placement;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Placement;

public sealed class RequiresRoleTests
{
    private static (InProcessTestCluster Cluster, ConcurrentDictionary<string, bool> Trainers) CreateSut(short silos, params string[] trainerSiloNames)
    {
        var trainers = new ConcurrentDictionary<string, bool>(trainerSiloNames.Select(n => KeyValuePair.Create(n, true)));
        var builder = new InProcessTestClusterBuilder(silos).WithTestWire();
        builder.ConfigureSilo((options, silo) => silo.AddTalentFlowOrleans(o =>
        {
            o.Apply();
            o.ConfigureClustering = false;
            o.Cores = 2;
            if (trainers.ContainsKey(options.SiloName) || trainers.ContainsKey("*")) o.Roles.Add(SiloRoles.Trainer);
        }));
        return (builder.Build(), trainers);
    }

    [Fact]
    public async Task Activate_RoleRequiredGrain_EveryActivationLandsOnTheTrainerSilo()
    {
        var (cluster, _) = CreateSut(3, "Silo_2");
        await using var _ = cluster;
        await cluster.DeployAsync();
        var trainer = cluster.Silos.Single(s => s.Name == "Silo_2").SiloAddress.ToString();

        var placed = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => cluster.Client.GetGrain<IWhereGrain>("t" + i).WhereAsync()));

        Assert.All(placed, where => Assert.Equal(trainer, where));
    }

    [Fact]
    public async Task Activate_TrainerSiloKilled_FailsNamingTheRoleUntilAnotherTrainerSiloServes()
    {
        var (cluster, trainers) = CreateSut(2, "Silo_1");
        await using var _ = cluster;
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IWhereGrain>("job-1");
        var first = cluster.Silos.Single(s => s.Name == "Silo_1");
        Assert.Equal(first.SiloAddress.ToString(), await grain.WhereAsync());

        await cluster.KillSiloAsync(first);
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var error = await Assert.ThrowsAsync<NoSiloWithRoleException>(() => cluster.Client.GetGrain<IWhereGrain>("job-2").WhereAsync());
        Assert.Equal(SiloRoles.Trainer, error.Role);
        Assert.Contains("'trainer'", error.Message, StringComparison.Ordinal);

        trainers["*"] = true; // every silo started from now on is a trainer
        var second = await cluster.StartAdditionalSiloAsync();
        string where = await Eventually.GetAsync(() => grain.WhereAsync(), TimeSpan.FromSeconds(30), "the grain served by the new trainer silo");
        Assert.Equal(second.SiloAddress.ToString(), where);
    }
}
