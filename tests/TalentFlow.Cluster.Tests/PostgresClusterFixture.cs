using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Postgres;
using TalentFlow.Runtime.Testing;
using TalentFlow.TestKit;

namespace TalentFlow.Cluster.Tests;

/// <summary>One throwaway PostgreSQL server for the cluster tests; each test makes its own cluster (own cluster id) on it.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresServer Server { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    public TestClusterOptions CreateOptions(int silos)
    {
        string connectionString = ConnectionString;
        return new TestClusterOptions
        {
            InitialSilos = silos,
            GrainAssemblies = [typeof(LedgerGrain).Assembly],
            ConfigureProviders = services => services
                .AddPostgresClustering(o => o.ConnectionString = connectionString)
                .AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString)
                .AddPostgresReminders(o => o.ConnectionString = connectionString),
            ConfigureServices = services => services.AddSingleton(new SiloName("silo")),
        };
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres cluster";
}
