using System.Text.Json;
using Orleans.Serialization;
using Orleans.TestingHost;
using TalentFlow.Hosting.Tests.Serialization.Wire;

namespace TalentFlow.Hosting.Tests.Serialization;

public sealed class SerializationTests
{
    private static readonly Func<Type, bool> WireTypes = t => t.Namespace == typeof(Posting).Namespace;

    private static InProcessTestCluster CreateSut()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) => silo.AddTalentFlowOrleans(o =>
        {
            o.ConfigureClustering = false;
            o.Roles.Add(options.SiloName == "Silo_0" ? "relay" : "echo");
            o.JsonCodecFor = WireTypes;
        }));
        builder.ConfigureClient(client => TalentFlowSiloBuilderExtensions.AddSerialization(
            client.Services, WireTypes, TalentFlowSerialization.JsonOptions, ["TalentFlow"]));
        return builder.Build();
    }

    [Fact]
    public async Task EchoAsync_PlainContractRecord_CrossesClientAndSilosThroughTheJsonCodec()
    {
        await using var cluster = CreateSut();
        await cluster.DeployAsync();
        var posting = new Posting("Data engineer", ["sql", "python"], 95000);

        var (echo, _) = await cluster.Client.GetGrain<IPostingGrain>("p").EchoAsync(posting);
        var (relayed, remote) = await cluster.Client.GetGrain<IRelayGrain>("r").RelayAsync(posting, 20);

        Assert.Equal(posting with { Title = "Data engineer!" }, echo with { Skills = posting.Skills });
        Assert.Equal(["sql", "python"], echo.Skills);
        Assert.Equal(20, remote);
        Assert.All(relayed, r => Assert.Equal(("Data engineer!", 95000d, 2), (r.Title, r.Salary!.Value, r.Skills.Count)));
    }

    [Fact]
    public async Task RejectAsync_OurException_ArrivesTypedWithItsMessage()
    {
        await using var cluster = CreateSut();
        await cluster.DeployAsync();

        var error = await Assert.ThrowsAsync<PostingRejectedException>(() => cluster.Client.GetGrain<IPostingGrain>("p").RejectAsync("salary missing"));

        Assert.Equal("salary missing", error.Message);
    }

    [Fact]
    public async Task FailOutsideAsync_ExceptionOutsideThePrefixes_ArrivesAsCodecNotFound()
    {
        await using var cluster = CreateSut();
        await cluster.DeployAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IPostingGrain>("p").FailOutsideAsync());

        // What every exception of ours would do without the prefix: the API's 4xx mapping could not see its type.
        Assert.IsType<CodecNotFoundException>(error);
        Assert.Contains(typeof(Acme.Partner.PartnerException).FullName!, error.Message, StringComparison.Ordinal);
    }
}
