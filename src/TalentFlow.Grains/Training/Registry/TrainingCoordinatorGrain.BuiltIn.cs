using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The built-in screening model is version 1 of <c>screening_model</c>: registered on every activation that finds it missing
/// (idempotent; every silo builds the same built-in), in Production when the kind has none yet, else Archived at the start
/// of the production history — so a rollback always has a target.
/// </summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <summary>The actor recorded for the built-in model's registration.</summary>
    internal const string SystemActor = "system";

    private async Task EnsureBuiltInScreeningModelAsync(CancellationToken cancellationToken)
    {
        var builtIn = screening.BuiltIn;
        string model = ScreeningModels.ModelName;
        if (state.State.Versions.Any(v => v.Model == model && v.Version == builtIn.Version)) return;
        // The artifact first: a registered version always has one to load.
        await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, builtIn.Version)).SaveAsync(builtIn.ToArtifact(), cancellationToken).ConfigureAwait(true);
        var snapshot = GovernanceSnapshot();
        var versionsBefore = state.State.Versions.ToList();
        var history = state.State.ProductionHistory.GetValueOrDefault(model) ?? [];
        var historyBefore = history.ToList();
        var now = timeProvider.GetUtcNow();
        bool first = Production(model) is null;
        var change = new RegistryChange(SystemActor, "The built-in screening model, registered at start-up as the kind's first version.");
        state.State.Versions.Insert(0, new ModelVersionInfo(model, builtIn.Version, first ? "Production" : "Archived", builtIn.Metrics, now,
            PromotedAt: now, Parameters: builtIn.Parameters, DataFingerprint: builtIn.DataFingerprint));
        history.Insert(0, builtIn.Version);
        state.State.ProductionHistory[model] = history;
        Record(model, RegistryEventKinds.Registered, builtIn.Version, null, null, first ? "Production" : "Archived", change);
        if (first) Record(model, RegistryEventKinds.AliasMoved, builtIn.Version, null, ModelAliases.Champion, null, change);
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Versions = versionsBefore;
            state.State.ProductionHistory[model] = historyBefore;
            Restore(snapshot);
            throw;
        }
        await FlushEventsAsync(cancellationToken).ConfigureAwait(true);
    }
}
