using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting.Broadcast;

namespace TalentFlow.Grains.Training;

/// <summary>A promoted version, as fanned out on the <c>model-versions</c> channel.</summary>
/// <param name="Model">Model kind.</param>
/// <param name="Version">The version to serve.</param>
public sealed record ModelVersionMessage(string Model, string Version);

/// <summary>
/// Every silo's end of the model fan-out: loads the promoted version's artifact and swaps it in atomically. A silo that
/// joins later catches up from every kind's registry (<see cref="ModelRegistries"/>); when that cannot be read it keeps what it has.
/// </summary>
internal sealed partial class ModelVersionBroadcastHandler(IServiceProvider services, ILogger<ModelVersionBroadcastHandler> logger) : IBroadcastHandler
{
    public const string ChannelName = "model-versions";

    public string Channel => ChannelName;

    // Resolved on use: the grain factory belongs to the silo runtime, which itself takes the broadcast handlers.
    private IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    public async Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ModelVersionMessage>(payload.Span, JsonOptions) ?? throw new ArgumentException("Empty model-version message.");
        await LoadAsync(message.Model, message.Version, cancellationToken).ConfigureAwait(false);
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            // In the order they were promoted, as the live fan-out served them: a scorer serves its own baseline, so a baseline
            // promoted after it must win again, and one promoted before it must not.
            var production = (await ModelRegistries.GetVersionsAsync(Grains, cancellationToken).ConfigureAwait(false))
                .Where(v => v.Stage == "Production" && ModelKindRegistry.TryGet(v.Model, out _))
                .OrderBy(v => v.PromotedAt ?? v.CreatedAt);
            foreach (var version in production) await LoadAsync(version.Model, version.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The first silo of a cluster has no peer to ask yet; it serves the built-in model until a fan-out arrives.
            CatchUpFailed(logger, ex.Message);
        }
    }

    private async Task LoadAsync(string model, string version, CancellationToken cancellationToken)
    {
        var kind = ModelKindRegistry.Get(model);
        if (kind.TryServeRetained(services, version)) return;
        var loaded = await ModelLoader.LoadAsync(Grains, kind, version, cancellationToken).ConfigureAwait(false);
        kind.Publish(services, loaded);
        Swapped(logger, model, version);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(2001, LogLevel.Information, "Now serving {Model} version {Version}.")]
    private static partial void Swapped(ILogger logger, string model, string version);

    [LoggerMessage(2002, LogLevel.Warning, "Could not catch up on model versions ({Reason}); serving the current ones until a fan-out arrives.")]
    private static partial void CatchUpFailed(ILogger logger, string reason);
}
