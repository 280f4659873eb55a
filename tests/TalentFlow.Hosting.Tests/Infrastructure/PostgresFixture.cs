using System.Collections.Concurrent;
using Npgsql;
using TalentFlow.TestKit;

namespace TalentFlow.Hosting.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL server (TestKit's) for the run, and one fresh database per caller's name.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();

    public PostgresServer Server { get; } = new();

    public Task InitializeAsync() => Server.InitializeAsync();

    /// <summary>The connection string of <paramref name="name"/>'s database, created on first use.</summary>
    public Task<string> GetConnectionStringAsync(string name) =>
        _databases.GetOrAdd(name, n => new Lazy<Task<string>>(() => Server.CreateDatabaseAsync(n))).Value;

    /// <summary>A brand-new database on every call.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => Server.CreateDatabaseAsync(prefix);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
