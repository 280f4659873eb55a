using System.Text.Json;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Training;

/// <summary>The registry's A/B tests: a challenger version scores a share of the candidates on every silo.</summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public async Task<ModelAbTest> StartAbTestAsync(string model, string challengerVersion, double share, CancellationToken cancellationToken = default)
    {
        var kind = ModelKindRegistry.Get(model);
        if (!kind.SupportsAbTest)
        {
            throw new ArgumentException($"Model {model} cannot be A/B tested; {string.Join(" and ", ModelKindRegistry.AbTestable)} can.", nameof(model));
        }
        if (double.IsNaN(share) || share is <= 0 or >= 1)
        {
            throw new ArgumentException($"The challenger's share must be between 0 and 1 (exclusive), not {share}; to serve it to everyone, promote it.", nameof(share));
        }
        var challenger = state.State.Versions.FirstOrDefault(v => v.Model == model && v.Version == challengerVersion)
            ?? throw new KeyNotFoundException($"Model {model} has no version '{challengerVersion}'.");
        if (challenger.Stage == "Production") throw new ModelRegistryConflictException($"Version '{challengerVersion}' of {model} is production already; test another one against it.");
        var previous = state.State.AbTest;
        if (previous is not null && previous.Model != model)
        {
            throw new ModelRegistryConflictException($"Model {previous.Model} is under an A/B test (version '{previous.ChallengerVersion}'); end it first, one test runs at a time.");
        }
        // A new share of the same challenger keeps its start, so its results so far still count.
        var test = previous is not null && previous.ChallengerVersion == challengerVersion
            ? previous with { Share = share }
            : new ModelAbTest(model, challengerVersion, share, Production(model)?.Version, timeProvider.GetUtcNow());
        state.State.AbTest = test;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.AbTest = previous;
            throw;
        }
        await BroadcastAbTestAsync(test, cancellationToken).ConfigureAwait(true);
        return test;
    }

    /// <inheritdoc />
    public Task<ModelAbTest?> GetAbTestAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.AbTest);

    /// <inheritdoc />
    public async Task<ModelAbTest?> EndAbTestAsync(string model, CancellationToken cancellationToken = default)
    {
        if (state.State.AbTest is not { } test || test.Model != model) return null;
        state.State.AbTest = null;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.AbTest = test;
            throw;
        }
        await BroadcastAbTestAsync(null, cancellationToken).ConfigureAwait(true);
        return test;
    }

    /// <summary>Durable first, then the fan-out; a silo that misses it catches up from <see cref="GetAbTestAsync"/> when it (re)joins.</summary>
    private async Task BroadcastAbTestAsync(ModelAbTest? test, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new AbTestMessage(test), ModelVersionBroadcastHandler.JsonOptions);
        await broadcaster.BroadcastAsync(AbTestBroadcastHandler.ChannelName, payload, cancellationToken).ConfigureAwait(true);
    }
}
