using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Reminders;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Hosting;

/// <summary>Registers the in-memory providers: the embedded default, with nothing to install.</summary>
public static class InMemoryProvidersExtensions
{
    /// <summary>
    /// Adds an in-memory <see cref="IMembershipTable"/> and <see cref="IGatewayListProvider"/> (one instance, unless one is
    /// registered already). For one silo; silos of one process that form a cluster pass a shared table to
    /// <see cref="AddInMemoryMembership(IServiceCollection, InMemoryMembershipTable)"/>.
    /// </summary>
    public static IServiceCollection AddInMemoryMembership(this IServiceCollection services) =>
        services.AddInMemoryMembership(new InMemoryMembershipTable());

    /// <summary>
    /// Adds <paramref name="table"/> as the <see cref="IMembershipTable"/> and <see cref="IGatewayListProvider"/>: give every
    /// silo of an in-process cluster the same instance.
    /// </summary>
    public static IServiceCollection AddInMemoryMembership(this IServiceCollection services, InMemoryMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(table);
        services.TryAddSingleton(table);
        services.TryAddSingleton<IMembershipTable>(sp => sp.GetRequiredService<InMemoryMembershipTable>());
        services.TryAddSingleton<IGatewayListProvider>(sp => sp.GetRequiredService<InMemoryMembershipTable>());
        return services;
    }

    /// <summary>Adds an in-memory <see cref="IGrainStorage"/> as the keyed singleton <paramref name="name"/> (default <c>Default</c>).</summary>
    public static IServiceCollection AddInMemoryGrainStorage(this IServiceCollection services, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.TryAddKeyedSingleton<IGrainStorage>(name, (_, _) => new InMemoryGrainStorage());
        return services;
    }

    /// <summary>Adds an in-memory <see cref="IReminderTable"/>, unless one is registered already.</summary>
    public static IServiceCollection AddInMemoryReminders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();
        return services;
    }
}
