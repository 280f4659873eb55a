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
        // Grain state and reminders through Orleans' ADO.NET providers on PostgreSQL; membership is the test host's own.
        return new TestClusterOptions { InitialSilos = silos, ConnectionString = connectionString };
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres cluster";
}
