using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Semantic;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Broadcast;

namespace TalentFlow.Grains;

/// <summary>A promoted version, as fanned out on the <c>model-versions</c> channel.</summary>
/// <param name="Model">Model kind.</param>
/// <param name="Version">The version to serve.</param>
public sealed record ModelVersionMessage(string Model, string Version);

/// <summary>
/// Every silo's end of the model fan-out: loads the promoted version's artifact and swaps it in atomically. A silo that
/// joins later catches up from the registry's production version; when that cannot be read it keeps what it has.
/// </summary>
internal sealed partial class ModelVersionBroadcastHandler(IServiceProvider services, MatchingModels models, ILogger<ModelVersionBroadcastHandler> logger) : IBroadcastHandler
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
            var coordinator = Grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
            foreach (var model in MatchingModels.RegistryModels)
            {
                var version = await coordinator.GetProductionAsync(model, cancellationToken).ConfigureAwait(false);
                if (version is not null) await LoadAsync(model, version, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The first silo of a cluster has no peer to ask yet; it serves the built-in model until a fan-out arrives.
            CatchUpFailed(logger, ex.Message);
        }
    }

    private async Task LoadAsync(string model, string version, CancellationToken cancellationToken)
    {
        if (model == MatchingModels.EncoderModelName)
        {
            await LoadEncoderAsync(version, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (model == MatchingModels.RankerModelName)
        {
            await LoadRankerAsync(version, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (model != MatchingModels.BaselineModelName || models.Current.Version == version) return;
        if (models.TryGet(version, out var known))
        {
            models.Publish(known);
            return;
        }
        var artifact = await Grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {model} version {version} has no stored artifact.");
        using var stream = new MemoryStream(artifact, writable: false);
        models.Publish(new BaselineModel(version, BaselineMatcher.Load(stream)));
        Swapped(logger, model, version);
    }

    /// <summary>Swaps the encoder in; publishing it starts re-embedding the candidates (<see cref="EncoderMigration"/>).</summary>
    private async Task LoadEncoderAsync(string version, CancellationToken cancellationToken)
    {
        if (models.Encoder?.Version == version) return;
        if (models.TryGetEncoder(version, out var known))
        {
            models.PublishEncoder(known);
            return;
        }
        var artifact = await Grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(MatchingModels.EncoderModelName, version)).GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {MatchingModels.EncoderModelName} version {version} has no stored artifact.");
        using var stream = new MemoryStream(artifact, writable: false);
        var encoder = EmbeddedEncoder.Load(stream);
        if (encoder.VersionId != version)
        {
            throw new InvalidOperationException($"The artifact of {MatchingModels.EncoderModelName} version {version} holds encoder {encoder.VersionId}.");
        }
        models.PublishEncoder(new SemanticModel(encoder));
        Swapped(logger, MatchingModels.EncoderModelName, version);
    }

    /// <summary>Swaps the job catalog's ranker in; the next ranking of every shard on this silo uses it.</summary>
    private async Task LoadRankerAsync(string version, CancellationToken cancellationToken)
    {
        var recommendations = services.GetRequiredService<RecommendationModels>();
        if (recommendations.Ranker?.Version == version) return;
        var artifact = await Grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(MatchingModels.RankerModelName, version)).GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {MatchingModels.RankerModelName} version {version} has no stored artifact.");
        using var stream = new MemoryStream(artifact, writable: false);
        recommendations.PublishRanker(version, TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel.Load(stream));
        Swapped(logger, MatchingModels.RankerModelName, version);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(2001, LogLevel.Information, "Now serving {Model} version {Version}.")]
    private static partial void Swapped(ILogger logger, string model, string version);

    [LoggerMessage(2002, LogLevel.Warning, "Could not catch up on model versions ({Reason}); serving the current ones until a fan-out arrives.")]
    private static partial void CatchUpFailed(ILogger logger, string reason);
}
