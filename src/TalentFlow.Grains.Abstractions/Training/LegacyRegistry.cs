using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// One model kind's registry as an earlier version of the training coordinator kept it in its own state and event records,
/// handed to the kind's <see cref="IModelRegistryGrain"/> once (<see cref="ITrainingCoordinatorGrain.GetLegacyRegistryAsync"/>).
/// </summary>
/// <param name="Versions">The kind's versions, oldest first.</param>
/// <param name="ProductionHistory">The versions that became production, newest last.</param>
/// <param name="Aliases">The stored aliases (never <c>champion</c>).</param>
/// <param name="AbTest">The kind's A/B test, when it was the one under test.</param>
/// <param name="Events">The kind's registry events, in the coordinator's sequence order.</param>
public sealed record LegacyRegistry(
    IReadOnlyList<ModelVersionInfo> Versions, IReadOnlyList<string> ProductionHistory, IReadOnlyList<ModelAlias> Aliases, ModelAbTest? AbTest,
    IReadOnlyList<RegistryEvent> Events)
{
    /// <summary>Nothing to hand over.</summary>
    public static LegacyRegistry Empty { get; } = new([], [], [], null, []);

    /// <summary>Whether there is anything to hand over.</summary>
    public bool HasAny => Versions.Count > 0 || ProductionHistory.Count > 0 || Aliases.Count > 0 || AbTest is not null || Events.Count > 0;
}
