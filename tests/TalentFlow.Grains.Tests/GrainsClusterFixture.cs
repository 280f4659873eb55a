
using TalentFlow.Grains;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>Two in-memory silos hosting TalentFlow's grains, shared by the tests of <see cref="GrainsClusterCollection"/>.</summary>
public sealed class GrainsClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(CreateOptions(2));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// The embedded LSA encoder instead of the default all-MiniLM-L6-v2: these tests start dozens of clusters, and MiniLM's
    /// own tests (TalentFlow.ML.Onnx.Tests, the silo's default-encoder test) cover the served model.
    /// </summary>
    public static readonly Action<MatchingOptions> FastEncoder = o => o.Encoder = "lsa";

    public static TestClusterOptions CreateOptions(int silos) => new()
    {
        InitialSilos = silos,
        ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder),
        ConfigureOrleans = o => SiloCapabilities.Advertise(o.Roles, o.Cores, SiloCapabilities.DetectAccelerator()),
    };
}

[CollectionDefinition(Name)]
public sealed class GrainsClusterCollection : ICollectionFixture<GrainsClusterFixture>
{
    public const string Name = "grains cluster";
}
