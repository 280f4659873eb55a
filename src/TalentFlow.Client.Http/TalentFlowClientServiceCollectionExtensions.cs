using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalentFlow.Client.Http;
using TalentFlow.Client.Http.Internal;

// In the DI namespace (as AddHttpClient is), so `services.AddTalentFlowClient(...)` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="TalentFlowHttpClient"/>.</summary>
public static class TalentFlowClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> behind <see cref="TalentFlowHttpClient"/> in <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "TalentFlow";

    /// <summary>
    /// Registers <see cref="TalentFlowHttpClient"/> as a typed client of <c>IHttpClientFactory</c>, with
    /// <see cref="TalentFlowClientOptions"/> validated at start-up, a Polly retry pipeline for idempotent calls and a handler that
    /// sends the API key or bearer token.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least <see cref="TalentFlowClientOptions.BaseAddress"/> and a key or token provider.</param>
    /// <returns>The client's builder, to add handlers or configure the primary handler.</returns>
    /// <example>
    /// <code>
    /// services.AddTalentFlowClient(o =>
    /// {
    ///     o.BaseAddress = new Uri("https://talentflow.example.com/");
    ///     o.ApiKey = configuration["TalentFlow:ApiKey"];
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddTalentFlowClient(this IServiceCollection services, Action<TalentFlowClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TalentFlowClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TalentFlowClientOptions>, TalentFlowClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<AuthenticationHandler>();
        var http = services
            .AddHttpClient(HttpClientName, static (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TalentFlowClientOptions>>().Value;
                // Relative paths resolve under the base address only when it ends with '/'.
                string root = options.BaseAddress!.AbsoluteUri;
                http.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
                // The client enforces TalentFlowClientOptions.Timeout over all attempts; HttpClient's own would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // IHttpClientFactory's own request logs never show the credentials.
            .RedactLoggedHeaders([AuthenticationHandler.ApiKeyHeader, "Authorization"]);
        // Polly's retry (Microsoft.Extensions.Http.Resilience) outside the credentials, so each attempt asks for them again.
        http.AddResilienceHandler(RetryPipeline.Name, RetryPipeline.Configure);
        return http
            .AddHttpMessageHandler<AuthenticationHandler>()
            .AddTypedClient(static (http, provider) => new TalentFlowHttpClient(
                http, provider.GetRequiredService<IOptions<TalentFlowClientOptions>>(), provider.GetRequiredService<TimeProvider>()));
    }
}
