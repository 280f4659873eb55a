using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using TalentFlow.Hosting.Broadcast;
using TalentFlow.Hosting.Placement;
using TalentFlow.Hosting.Records;
using TalentFlow.Hosting.Schema;

namespace TalentFlow.Hosting;

/// <summary>Wires a silo the TalentFlow way; the silo host and the tests share it.</summary>
public static class TalentFlowSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql (Orleans' default invariant is SQL Server's).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Adds silo metadata (roles, cores, accelerator) and the <see cref="RequiresRoleAttribute"/> placement filter, the
    /// broadcast grain service with its catch-up at start, keyed records, and the providers: in memory by default, PostgreSQL
    /// through Orleans' ADO.NET providers when <see cref="TalentFlowOrleansOptions.ConnectionString"/> is set.
    /// </summary>
    public static ISiloBuilder AddTalentFlowOrleans(this ISiloBuilder builder, Action<TalentFlowOrleansOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new TalentFlowOrleansOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;

        builder.UseSiloMetadata(options.ToMetadata());
        services.AddPlacementFilter<RoleRequiredPlacementFilterStrategy, RoleRequiredPlacementFilterDirector>(ServiceLifetime.Transient);

        builder.AddGrainService<BroadcastGrainService>();
        services.TryAddSingleton<IClusterBroadcaster, ClusterBroadcaster>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BroadcastCatchUp>();

        services.AddOptions<GrainRecordsOptions>();
        services.TryAddSingleton<IAttributeToFactoryMapper<PersistentRecordsAttribute>, PersistentRecordsAttributeMapper>();

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.ConfigureClustering) builder.UseLocalhostClustering();
            builder.AddMemoryGrainStorageAsDefault();
            builder.UseInMemoryReminderService();
            services.TryAddSingleton<IGrainRecordStorage, MemoryGrainRecordStorage>();
            return builder;
        }

        string connectionString = options.ConnectionString;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        if (options.ApplySchema) services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaInitializer>();
        if (options.ConfigureClustering)
        {
            builder.UseAdoNetClustering(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
        }
        builder.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        builder.UseSystemTextJsonGrainStorageSerializer();
        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
        services.TryAddSingleton<IGrainRecordStorage>(sp => new PostgresGrainRecordStorage(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<ILogger<PostgresGrainRecordStorage>>()));
        return builder;
    }

    /// <summary>
    /// Connects a client to a TalentFlow cluster: localhost clustering when <paramref name="connectionString"/> is null or
    /// empty, else the gateways from the ADO.NET membership table.
    /// </summary>
    public static IClientBuilder UseTalentFlowClustering(this IClientBuilder builder, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(connectionString)) return builder.UseLocalhostClustering();
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
    }
}
