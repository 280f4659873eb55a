using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using TalentFlow.Hosting.Broadcast;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Diagnostics;
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

        AddSerialization(services, options.JsonCodecFor, options.JsonSerializerOptions, options.ExceptionNamespacePrefixes);
        builder.UseSiloMetadata(options.ToMetadata());
        services.AddPlacementFilter<RoleRequiredPlacementFilterStrategy, RoleRequiredPlacementFilterDirector>(ServiceLifetime.Transient);

        services.TryAddSingleton<IClusterView, ClusterView>();
        services.TryAddSingleton<GrainCallStatistics>();
        services.AddMetrics();
        services.TryAddSingleton<TalentFlowMetrics>();
        builder.AddIncomingGrainCallFilter<MethodStatisticsFilter>();
        builder.AddGrainService<SiloStatisticsGrainService>();
        services.TryAddSingleton<IClusterStatistics, ClusterStatisticsClient>();

        builder.AddGrainService<BroadcastGrainService>();
        services.TryAddSingleton<IClusterBroadcaster, ClusterBroadcaster>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BroadcastCatchUp>();

        services.AddOptions<GrainRecordsOptions>();
        services.TryAddSingleton<IAttributeToFactoryMapper<PersistentRecordsAttribute>, PersistentRecordsAttributeMapper>();

        // State is stored as System.Text.Json (Orleans' default storage serializer is Newtonsoft, with type names in the data).
        builder.UseSystemTextJsonGrainStorageSerializer();
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
    /// The wire format choices a silo and a client must share: System.Text.Json for the types <paramref name="jsonCodecFor"/>
    /// accepts (never exceptions), and our exceptions typed across silos.
    /// </summary>
    public static IServiceCollection AddSerialization(IServiceCollection services, Func<Type, bool>? jsonCodecFor, JsonSerializerOptions jsonOptions, IEnumerable<string> exceptionNamespacePrefixes)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (jsonCodecFor is not null)
        {
            services.AddSerializer(serializer => serializer.AddJsonSerializer(
                isSupported: type => !typeof(Exception).IsAssignableFrom(type) && jsonCodecFor(type),
                jsonSerializerOptions: jsonOptions));
        }
        string[] prefixes = [.. exceptionNamespacePrefixes];
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            foreach (string prefix in prefixes)
            {
                if (!o.SupportedNamespacePrefixes.Contains(prefix)) o.SupportedNamespacePrefixes.Add(prefix);
            }
        });
        return services;
    }

    /// <summary>
    /// Connects a client to a TalentFlow cluster: localhost clustering when <paramref name="connectionString"/> is null or
    /// empty, else the gateways from the ADO.NET membership table.
    /// </summary>
    public static IClientBuilder UseTalentFlowClustering(this IClientBuilder builder, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A client decodes what silos send: the same JSON codec and exception prefixes.
        AddSerialization(builder.Services, TalentFlowSerialization.IsJsonType, TalentFlowSerialization.JsonOptions, ["TalentFlow"]);
        if (string.IsNullOrWhiteSpace(connectionString)) return builder.UseLocalhostClustering();
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
    }
}
