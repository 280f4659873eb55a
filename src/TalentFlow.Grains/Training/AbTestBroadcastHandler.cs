using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting.Broadcast;

namespace TalentFlow.Grains.Training;

/// <summary>The A/B test every silo must split by, as fanned out on the <c>model-ab-tests</c> channel (null: none).</summary>
/// <param name="Test">The test.</param>
public sealed record AbTestMessage(ModelAbTest? Test);

/// <summary>
/// Every silo's end of the A/B fan-out: loads the challenger's artifact and swaps the test in atomically
/// (<see cref="MatchingModels.PublishAbTest"/>); a silo that joins later catches up from the registries of the kinds that can be split.
/// </summary>
internal sealed partial class AbTestBroadcastHandler(IServiceProvider services, MatchingModels models, ILogger<AbTestBroadcastHandler> logger) : IBroadcastHandler
{
    public const string ChannelName = "model-ab-tests";

    public string Channel => ChannelName;

    private IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    public async Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<AbTestMessage>(payload.Span, ModelVersionBroadcastHandler.JsonOptions) ?? throw new ArgumentException("Empty A/B test message.");
        await ApplyAsync(message.Test, cancellationToken).ConfigureAwait(false);
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var test = await ModelRegistries.GetAbTestAsync(Grains, cancellationToken).ConfigureAwait(false);
            await ApplyAsync(test, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CatchUpFailed(logger, ex.Message);
        }
    }

    private async Task ApplyAsync(ModelAbTest? test, CancellationToken cancellationToken)
    {
        if (test is null)
        {
            if (models.AbTest is { } ended)
            {
                models.PublishAbTest(null);
                Ended(logger, ended.Model, ended.Version);
            }
            return;
        }
        if (models.AbTest is { } served && served.Model == test.Model && served.Version == test.ChallengerVersion)
        {
            models.PublishAbTest(served with { Share = test.Share });
            return;
        }
        var kind = ModelKindRegistry.Get(test.Model);
        var loaded = await ModelLoader.LoadAsync(Grains, kind, test.ChallengerVersion, cancellationToken).ConfigureAwait(false);
        models.PublishAbTest(new ServedAbTest(test.Model, test.ChallengerVersion, test.Share, kind.Challenger(services, loaded)));
        Started(logger, test.Model, test.ChallengerVersion, test.Share);
    }

    [LoggerMessage(2011, LogLevel.Information, "A/B test of {Model}: version {Version} scores {Share:P0} of the candidates.")]
    private static partial void Started(ILogger logger, string model, string version, double share);

    [LoggerMessage(2012, LogLevel.Information, "A/B test of {Model} version {Version} ended; production scores every candidate.")]
    private static partial void Ended(ILogger logger, string model, string version);

    [LoggerMessage(2013, LogLevel.Warning, "Could not catch up on the A/B test ({Reason}); scoring with production until a fan-out arrives.")]
    private static partial void CatchUpFailed(ILogger logger, string reason);
}
