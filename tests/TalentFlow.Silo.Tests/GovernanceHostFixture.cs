using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// A host of its own for the registry governance tests (they promote and roll back, which the shared host's tests must not
/// see), with its registry events sent to a real <see cref="WebhookReceiver"/>.
/// </summary>
public sealed class GovernanceHostFixture : IAsyncLifetime
{
    /// <summary>The secret the host signs deliveries with.</summary>
    public const string Secret = "governance-webhook-secret-0123456789";

    public WebhookReceiver Receiver { get; private set; } = null!;

    public GovernanceHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Host = new GovernanceHost(Receiver.Url);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>The registry events of every model kind, newest first, as the silo's grains see them.</summary>
    public Task<IReadOnlyList<RegistryEvent>> EventsAsync(int limit) => ModelRegistries.GetEventsAsync(Host.Services.GetRequiredService<IGrainFactory>(), limit);

    /// <summary>
    /// Waits until every registry event so far was delivered (a 200) or given up on (all attempts made), so that what a test
    /// tells the receiver applies to its own events only.
    /// </summary>
    public async Task DrainAsync()
    {
        var ids = (await EventsAsync(1000)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        int attempts = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TalentFlow.Silo.Webhooks.WebhookOptions>>().Value.MaxAttempts;
        await Receiver.WaitForAsync(all =>
        {
            var byId = all.GroupBy(d => d.Headers[TalentFlow.Silo.Webhooks.WebhookSignature.EventIdHeader]).ToDictionary(g => g.Key, g => g.ToList());
            return ids.All(id => byId.TryGetValue(id, out var tries) && (tries.Any(d => d.AnsweredWith == 200) || tries.Count >= attempts));
        });
    }

    /// <summary>The host: test keys, webhooks to the receiver with a short backoff.</summary>
    public sealed class GovernanceHost(string webhookUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
            builder.UseSetting("Silo:SiloName", "governance-silo");
            builder.UseSetting("Webhooks:Endpoints:0:Url", webhookUrl);
            builder.UseSetting("Webhooks:Endpoints:0:Secret", Secret);
            builder.UseSetting("Webhooks:InitialBackoff", "00:00:00.050");
            builder.UseSetting("Webhooks:MaxAttempts", "4");
            builder.UseTestKeys();
            // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
            builder.UseSetting("Matching:Encoder", "lsa");
            builder.UseSetting("Silo:GatewayPort", "0");
        }

        public HttpClient CreateClient(string role) => CreateClient().As(role);
    }
}

/// <summary>One governance host for the registry governance and webhook test classes.</summary>
[CollectionDefinition(Name)]
public sealed class GovernanceHostCollection : ICollectionFixture<GovernanceHostFixture>
{
    public const string Name = "governance host";
}
