
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>Silos advertise cores and accelerator; the coordinator prefers a trainer silo with an accelerator.</summary>
public sealed class TrainerDispatchTests
{
    [Fact]
    public async Task Members_EverySilo_AdvertisesItsCoresAndAccelerator()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);

        var members = cluster.Silos[0].Members.Where(m => m.IsActive).ToList();

        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Contains(SiloCapabilities.CoresPrefix + Environment.ProcessorCount, m.Roles));
        Assert.All(members, m => Assert.Contains(SiloCapabilities.AcceleratorPrefix + SiloCapabilities.DetectAccelerator(), m.Roles));
        // The CPU build of ONNX Runtime: sessions run on the CPU provider, and the silos say so.
        Assert.All(members, m => Assert.Contains(SiloCapabilities.ExecutionProviderPrefix + "cpu", m.Roles));
    }

    [Fact]
    public void Advertise_AgainWithoutCuda_KeepsOneExecutionProviderRoleMatchingTheAccelerator()
    {
        var roles = new List<string> { "worker" };
        SiloCapabilities.Advertise(roles, 2, "cuda");
        Assert.Contains("execution-provider:cuda", roles);

        SiloCapabilities.Advertise(roles, 2, "none");
        Assert.Equal(["worker", "cores:2", "accelerator:none", "execution-provider:cpu"], roles);
    }

    [Fact]
    public async Task TriggerAsync_AnAcceleratedTrainerIsActive_EveryJobRunsThere()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var accelerated = await cluster.StartSiloAsync(o => o.Roles = [SiloCapabilities.TrainerRole, SiloCapabilities.AcceleratedTrainerRole]);
        await cluster.WaitForLivenessToStabilizeAsync();
        await TrainingTestCluster.LabelAsync(cluster, 12);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        var silos = new List<string?>();
        for (int i = 0; i < 3; i++) silos.Add((await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName)).Silo);

        Assert.All(silos, s => Assert.Equal(accelerated.Address, s));
        Assert.Contains(SiloCapabilities.AcceleratorPrefix + "declared", cluster.Silos[0].Members.Single(m => m.Address == accelerated.Address).Roles);
    }
}
