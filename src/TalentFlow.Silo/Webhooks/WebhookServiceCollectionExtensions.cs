using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Silo.Webhooks;

/// <summary>Registers the registry's webhooks: options (validated at start-up), the queue as the registry's event sink, the dispatcher.</summary>
internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddTalentFlowWebhooks(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<WebhookOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookQueue>();
        // Replaces the grains' default sink, whichever was registered first.
        services.Replace(ServiceDescriptor.Singleton<IRegistryEventSink>(sp => sp.GetRequiredService<WebhookQueue>()));
        services.AddHttpClient(WebhookDispatcher.ClientName);
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
