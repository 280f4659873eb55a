using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Postgres.Internal;
using TalentFlow.Runtime.Reminders;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Postgres;

/// <summary>
/// Registers the PostgreSQL providers (Orleans: <c>UseAdoNetClustering</c>, <c>AddAdoNetGrainStorage</c>,
/// <c>UseAdoNetReminderService</c>). Each takes its own <see cref="PostgresOptions"/> (validated when the host starts); the
/// providers share one <see cref="NpgsqlDataSource"/> per connection string. Membership rows are scoped by
/// <see cref="ClusterOptions.ClusterId"/>, grain state and reminders by <see cref="ClusterOptions.ServiceId"/>.
/// </summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>The name of the clustering provider's <see cref="PostgresOptions"/>.</summary>
    public const string ClusteringOptionsName = "Clustering";

    /// <summary>The name of the reminder provider's <see cref="PostgresOptions"/>.</summary>
    public const string RemindersOptionsName = "Reminders";

    /// <summary>The prefix of a grain storage provider's <see cref="PostgresOptions"/> name (<c>Storage:Default</c>).</summary>
    public const string StorageOptionsPrefix = "Storage:";

    /// <summary>
    /// Adds the PostgreSQL <see cref="IMembershipTable"/> and an <see cref="IGatewayListProvider"/> over it (Active silos).
    /// Also registers the shared <see cref="NpgsqlDataSource"/> when none is registered.
    /// </summary>
    public static IServiceCollection AddPostgresClustering(this IServiceCollection services, Action<PostgresOptions> configure)
    {
        AddOptions(services, ClusteringOptionsName, configure);
        services.TryAddSingleton(sp => new PostgresMembershipTable(
            DataSource(sp, ClusteringOptionsName),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            Logger<PostgresMembershipTable>(sp)));
        services.TryAddSingleton<IMembershipTable>(sp => sp.GetRequiredService<PostgresMembershipTable>());
        services.TryAddSingleton<IGatewayListProvider>(sp => sp.GetRequiredService<PostgresMembershipTable>());
        services.TryAddSingleton(sp => DataSource(sp, ClusteringOptionsName));
        return services;
    }

    /// <summary>
    /// Adds a PostgreSQL <see cref="IGrainStorage"/> as the keyed singleton <paramref name="name"/> (default <c>Default</c>).
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name = "Default", Action<PostgresOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string optionsName = StorageOptionsPrefix + name;
        AddOptions(services, optionsName, configure);
        services.TryAddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgresGrainStorage(
            DataSource(sp, optionsName),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            Logger<PostgresGrainStorage>(sp)));
        services.TryAddSingleton(sp => DataSource(sp, optionsName));
        return services;
    }

    /// <summary>Adds the PostgreSQL <see cref="IReminderTable"/>.</summary>
    public static IServiceCollection AddPostgresReminders(this IServiceCollection services, Action<PostgresOptions> configure)
    {
        AddOptions(services, RemindersOptionsName, configure);
        services.TryAddSingleton<IReminderTable>(sp => new PostgresReminderTable(
            DataSource(sp, RemindersOptionsName),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            Logger<PostgresReminderTable>(sp)));
        services.TryAddSingleton(sp => DataSource(sp, RemindersOptionsName));
        return services;
    }

    private static void AddOptions(IServiceCollection services, string name, Action<PostgresOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<PostgresOptions>(name);
        if (configure is not null) builder.Configure(configure);
        // The messages name the option, never its value: the connection string may hold a password.
        builder.ValidateDataAnnotations()
            .Validate(o => IsValidConnectionString(o.ConnectionString),
                $"PostgresOptions '{name}': ConnectionString is not a valid Npgsql connection string.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new PostgresDataSources(sp.GetService<ILoggerFactory>()));
    }

    private static bool IsValidConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return false;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static NpgsqlDataSource DataSource(IServiceProvider services, string optionsName) =>
        services.GetRequiredService<PostgresDataSources>()
            .Get(services.GetRequiredService<IOptionsMonitor<PostgresOptions>>().Get(optionsName).ConnectionString);

    private static ILogger Logger<T>(IServiceProvider services) =>
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger.Instance;
}
