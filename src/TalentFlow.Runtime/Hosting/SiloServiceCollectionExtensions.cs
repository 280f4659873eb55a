using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Broadcast;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Messaging;
using TalentFlow.Runtime.Reminders;

namespace TalentFlow.Runtime.Hosting;

/// <summary>Registers a silo in a host (Orleans: <c>UseOrleans</c> / <c>ISiloBuilder</c>).</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo that starts and stops with the host. Membership, grain storage and reminders come from what is registered
    /// (<c>AddInMemory*</c> or <c>AddPostgres*</c>); grain classes from <see cref="SiloBuilder.AddGrains"/>.
    /// </summary>
    public static SiloBuilder AddTalentFlowSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<SiloOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);
        optionsBuilder.ValidateDataAnnotations().Validate(o => TryParse(o.Endpoint), "SiloOptions.Endpoint must be host:port.").ValidateOnStart();
        services.AddOptions<ClusterOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainAssemblies>();
        services.TryAddSingleton(sp => new GrainManifest(sp.GetRequiredService<GrainAssemblies>().Assemblies));
        services.TryAddSingleton(sp => new GrainJsonOptions(sp.GetServices<GrainJsonResolver>()));
        services.TryAddSingleton(sp => new SiloRuntime(
            sp,
            sp.GetRequiredService<IOptions<SiloOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SiloRuntime>>(),
            sp.GetRequiredService<GrainManifest>(),
            sp.GetRequiredService<GrainJsonOptions>().Options,
            sp.GetService<IMembershipTable>() ?? throw new InvalidOperationException(
                "The silo has no membership table: call AddInMemoryMembership() or AddPostgresClustering(...)."),
            sp.GetService<IReminderTable>() ?? throw new InvalidOperationException(
                "The silo has no reminder table: call AddInMemoryReminders() or AddPostgresReminders(...)."),
            sp.GetServices<IBroadcastHandler>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.TryAddSingleton<IClusterBroadcaster>(sp => sp.GetRequiredService<SiloRuntime>().Broadcaster);
        services.TryAddSingleton(sp => new Silo(sp.GetRequiredService<SiloRuntime>()));
        services.AddHostedService<SiloHostedService>();
        return new SiloBuilder(services);
    }

    private static bool TryParse(string endpoint)
    {
        try
        {
            SiloEndpoint.ParseEndpoint(endpoint);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Adds grain classes and serialization to a silo.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Hosts every grain class of these assemblies.</summary>
    public SiloBuilder AddGrains(params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies) Services.AddSingleton(new GrainAssemblyRegistration(assembly));
        return this;
    }

    /// <summary>Adds a source-generated JSON context for grain arguments, results and state (tried before reflection).</summary>
    public SiloBuilder AddGrainJsonContext(IJsonTypeInfoResolver resolver)
    {
        Services.AddSingleton(new GrainJsonResolver(resolver));
        return this;
    }
}

/// <summary>A grain assembly registered with <see cref="SiloBuilder.AddGrains"/>.</summary>
internal sealed record GrainAssemblyRegistration(Assembly Assembly);

/// <summary>The grain assemblies of a silo.</summary>
internal sealed class GrainAssemblies(IEnumerable<GrainAssemblyRegistration> registrations)
{
    public IReadOnlyList<Assembly> Assemblies { get; } = [.. registrations.Select(r => r.Assembly).Distinct()];
}

/// <summary>A JSON resolver for grain messages.</summary>
public sealed record GrainJsonResolver(IJsonTypeInfoResolver Resolver);

/// <summary>The cluster's JSON options: the applications' contexts, the runtime's, then reflection for the rest.</summary>
internal sealed class GrainJsonOptions
{
    public GrainJsonOptions(IEnumerable<GrainJsonResolver> resolvers)
    {
        Options = Create(resolvers.Select(r => r.Resolver));
    }

    public JsonSerializerOptions Options { get; }

    public static JsonSerializerOptions Create(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, RuntimeJsonContext.Default, new DefaultJsonTypeInfoResolver()]),
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Starts the silo with the host and stops it gracefully with it.</summary>
internal sealed class SiloHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
