using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>
/// A client as an application gets it: a service collection with <c>AddTalentFlowClient</c>, the typed client resolved from
/// it. Disposing the scope disposes the provider (and the factory's handlers).
/// </summary>
internal sealed class ClientScope : IDisposable
{
    private readonly ServiceProvider _provider;

    private ClientScope(ServiceProvider provider) => _provider = provider;

    public TalentFlowHttpClient Client => _provider.GetRequiredService<TalentFlowHttpClient>();

    public static ClientScope Create(
        Uri baseAddress,
        Action<TalentFlowClientOptions> configure,
        Action<IHttpClientBuilder>? builder = null,
        ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) b.AddProvider(logs);
        });
        var client = services.AddTalentFlowClient(o =>
        {
            o.BaseAddress = baseAddress;
            configure(o);
        });
        builder?.Invoke(client);
        return new ClientScope(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public void Dispose() => _provider.Dispose();
}
