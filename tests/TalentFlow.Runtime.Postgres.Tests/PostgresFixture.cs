using System.Collections.Concurrent;
using Npgsql;
using TalentFlow.TestKit;

namespace TalentFlow.Runtime.Postgres.Tests;

/// <summary>One throwaway PostgreSQL server for the whole test run, and one fresh database (and data source) per test class.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<NpgsqlDataSource>>> _databases = new();

    public PostgresServer Server { get; } = new();

    public Task InitializeAsync() => Server.InitializeAsync();

    /// <summary>The data source of <paramref name="owner"/>'s database, created on first use.</summary>
    public Task<NpgsqlDataSource> GetDataSourceAsync(Type owner) =>
        _databases.GetOrAdd(owner.Name, name => new Lazy<Task<NpgsqlDataSource>>(async () =>
            NpgsqlDataSource.Create(await Server.CreateDatabaseAsync(name)))).Value;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            if (database.IsValueCreated) await (await database.Value).DisposeAsync();
        }
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
