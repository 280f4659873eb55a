using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TalentFlow.Runtime.Postgres.Internal;

/// <summary>
/// The host's Npgsql data sources, one per connection string, so membership, storage and reminders pointed at one database
/// share one pool. Disposed with the service provider.
/// </summary>
internal sealed class PostgresDataSources(ILoggerFactory? loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionString) =>
        _sources.GetOrAdd(connectionString, static (cs, factory) => new Lazy<NpgsqlDataSource>(() =>
        {
            var builder = new NpgsqlDataSourceBuilder(cs);
            if (factory is not null) builder.UseLoggerFactory(factory);
            return builder.Build();
        }), loggerFactory).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated) await source.Value.DisposeAsync().ConfigureAwait(false);
        }
        _sources.Clear();
    }
}
