using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The registry's governance, served by the training coordinator (same singleton key as <see cref="ITrainingCoordinatorGrain"/>):
/// aliases beside the stages, every change recorded as a <see cref="RegistryEvent"/> with who made it and why, and rollback
/// to any earlier holder of an alias or of production.
/// </summary>
[Alias("TalentFlow.Grains.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>Sets or moves an alias to a registered version; setting <see cref="ModelAliases.Champion"/> promotes the version.</summary>
    /// <returns>The alias as stored.</returns>
    /// <exception cref="ArgumentException">Not an alias, or no reason given.</exception>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    [Alias("SetAliasAsync")]
    Task<ModelAlias> SetAliasAsync(string model, string alias, string version, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias.</summary>
    /// <returns>The alias as it was.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such alias.</exception>
    /// <exception cref="ModelRegistryConflictException">The alias is <see cref="ModelAliases.Champion"/>, which follows production.</exception>
    [Alias("DeleteAliasAsync")]
    Task<ModelAlias> DeleteAliasAsync(string model, string alias, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>The aliases of a model kind, by name.</summary>
    [ReadOnly]
    [Alias("GetAliasesAsync")]
    Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="limit"/> registry events of a model kind, oldest first: which version held which alias or stage when, who moved it and why.</summary>
    [ReadOnly]
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<RegistryEvent>> GetHistoryAsync(string model, int limit, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="limit"/> registry events of every model kind, newest first.</summary>
    [ReadOnly]
    [Alias("GetEventsAsync")]
    Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Registers a stored artifact (as <see cref="ITrainingCoordinatorGrain.RegisterAsync"/>), recording who registered it.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string model, string version, IReadOnlyDictionary<string, double>? metrics, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Makes a version production (as <see cref="ITrainingCoordinatorGrain.PromoteAsync"/>), recording who and why.</summary>
    [Alias("PromoteAsync")]
    Task PromoteAsync(string model, string version, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls back to <paramref name="target"/>: a former production version, an alias's earlier holder (by steps or time),
    /// or — with an empty target — the production version before the current one (<see cref="ITrainingCoordinatorGrain.RollbackAsync"/>).
    /// </summary>
    /// <returns>The version the rollback chose (production now, or the alias's holder now).</returns>
    /// <exception cref="ArgumentException">A target that contradicts itself, or no reason for a targeted rollback.</exception>
    /// <exception cref="KeyNotFoundException">No such version, alias or production version.</exception>
    /// <exception cref="ModelRegistryConflictException">No earlier holder to go back to, or the version was never production.</exception>
    [Alias("RollbackAsync")]
    Task<ModelVersionInfo> RollbackAsync(string model, RollbackTarget target, RegistryChange change, CancellationToken cancellationToken = default);
}
