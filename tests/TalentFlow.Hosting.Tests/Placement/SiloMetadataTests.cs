using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using TalentFlow.Hosting.Placement;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Placement;

public sealed class SiloMetadataTests
{
    [Fact]
    public async Task UseSiloMetadata_TrainerWithCudaAndEightCores_EveryPeerSeesWhatItAdvertises()
    {
        var builder = new InProcessTestClusterBuilder(2).WithTestWire();
        builder.ConfigureSilo((options, silo) => silo.AddTalentFlowOrleans(o =>
        {
            o.Apply();
            o.ConfigureClustering = false;
            if (options.SiloName == "Silo_1")
            {
                o.Roles.Add("Trainer");
                o.Cores = 8;
                o.Accelerator = "cuda";
            }
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var trainer = cluster.Silos.Single(s => s.Name == "Silo_1").SiloAddress;
        var peer = cluster.Silos.Single(s => s.Name == "Silo_0");
        var cache = peer.SiloHost.Services.GetRequiredService<ISiloMetadataCache>();

        var metadata = await Eventually.GetAsync(() =>
            cache.GetSiloMetadata(trainer).Metadata is { Count: > 0 } m ? Task.FromResult(m) : throw new InvalidOperationException("not fetched yet"),
            TimeSpan.FromSeconds(20), "the trainer's metadata reaching its peer");

        Assert.Equal("true", metadata[SiloRoles.RoleKey(SiloRoles.Trainer)]);
        Assert.Equal("8", metadata[SiloRoles.CoresKey]);
        Assert.Equal("cuda", metadata[SiloRoles.AcceleratorKey]);
    }

    [Theory]
    [InlineData("gpu", 2, "Accelerator")]
    [InlineData("none", 0, "Cores")]
    public void AddTalentFlowOrleans_OutOfRangeOption_ThrowsNamingTheSetting(string accelerator, int cores, string setting)
    {
        var host = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();

        var error = Assert.Throws<ArgumentException>(() => host.UseOrleans(silo => silo.AddTalentFlowOrleans(o =>
        {
            o.Apply();
            o.Accelerator = accelerator;
            o.Cores = cores;
        })));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
