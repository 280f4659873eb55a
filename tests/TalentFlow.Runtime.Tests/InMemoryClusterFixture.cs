using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

/// <summary>One 3-silo in-memory cluster shared by the tests of <see cref="InMemoryClusterCollection"/>.</summary>
public sealed class InMemoryClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(CreateOptions(3));
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public static TestClusterOptions CreateOptions(int silos) => new()
    {
        InitialSilos = silos,
        GrainAssemblies = [typeof(CounterGrain).Assembly],
        ConfigureServices = services => services.AddSingleton(sp => new SiloIdentity("silo")),
    };
}

[CollectionDefinition(Name)]
public sealed class InMemoryClusterCollection : ICollectionFixture<InMemoryClusterFixture>
{
    public const string Name = "in-memory cluster";
}
