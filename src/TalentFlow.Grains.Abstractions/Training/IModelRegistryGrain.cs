using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The model registry of one model kind (key: the kind's name, e.g. <c>screening_model</c>): its versions with stages and
/// metrics, the production history a rollback goes back along, aliases beside the stages, every change recorded as a
/// <see cref="RegistryEvent"/> with who made it and why, and the kind's A/B test. Promotions and A/B tests are fanned out to
/// every silo. Queries over every kind go through <c>ModelRegistries</c> (TalentFlow.Grains).
/// </summary>
[Alias("TalentFlow.Grains.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>The kind's registered versions, oldest first.</summary>
    [ReadOnly]
    [Alias("GetVersionsAsync")]
    Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The kind's production version, or null while the built-in (or configured) model serves.</summary>
    [ReadOnly]
    [Alias("GetProductionAsync")]
    Task<string?> GetProductionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a version whose artifact is already stored (under <c>model:version</c>), in stage <c>None</c>: a model made
    /// outside the learning loop, not evaluated by it. Promote it by hand to serve it.
    /// </summary>
    /// <exception cref="ArgumentException">The key is no model kind, or the version's artifact is missing.</exception>
    /// <exception cref="ModelRegistryConflictException">The kind already has that version.</exception>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string version, IReadOnlyDictionary<string, double>? metrics, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a version the learning loop trained (<paramref name="outcome"/> of training job <paramref name="jobId"/>) in
    /// Staging, and records the gate's verdict when it kept the version back; the caller promotes it when it cleared the gate.
    /// Idempotent: a version already registered is left as it is (a report retried after a failure).
    /// </summary>
    [Alias("RegisterTrainedAsync")]
    Task RegisterTrainedAsync(string jobId, TrainingOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a registered version production and fans it out to every silo, recording who and why; promoting the challenger
    /// of the kind's A/B test ends the test.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    [Alias("PromoteAsync")]
    Task PromoteAsync(string version, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls back to <paramref name="target"/>: a former production version, an alias's earlier holder (by steps or time),
    /// or — with an empty target — the production version before the current one (its parent if still registered, else the
    /// most recently archived former production version), fanned out to every silo.
    /// </summary>
    /// <returns>The version the rollback chose (production now, or the alias's holder now).</returns>
    /// <exception cref="ArgumentException">A target that contradicts itself, or no reason for a targeted rollback.</exception>
    /// <exception cref="KeyNotFoundException">No such version, alias or production version.</exception>
    /// <exception cref="ModelRegistryConflictException">No earlier holder to go back to, or the version was never production.</exception>
    [Alias("RollbackAsync")]
    Task<ModelVersionInfo> RollbackAsync(RollbackTarget target, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Sets or moves an alias to a registered version; setting <see cref="ModelAliases.Champion"/> promotes the version.</summary>
    /// <returns>The alias as stored.</returns>
    /// <exception cref="ArgumentException">Not an alias, or no reason given.</exception>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    [Alias("SetAliasAsync")]
    Task<ModelAlias> SetAliasAsync(string alias, string version, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias.</summary>
    /// <returns>The alias as it was.</returns>
    /// <exception cref="KeyNotFoundException">The kind has no such alias.</exception>
    /// <exception cref="ModelRegistryConflictException">The alias is <see cref="ModelAliases.Champion"/>, which follows production.</exception>
    [Alias("DeleteAliasAsync")]
    Task<ModelAlias> DeleteAliasAsync(string alias, RegistryChange change, CancellationToken cancellationToken = default);

    /// <summary>The kind's aliases, by name.</summary>
    [ReadOnly]
    [Alias("GetAliasesAsync")]
    Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(CancellationToken cancellationToken = default);

    /// <summary>The kind's last <paramref name="limit"/> registry events, oldest first: which version held which alias or stage when, who moved it and why.</summary>
    /// <exception cref="ArgumentException"><paramref name="limit"/> outside 1–1,000.</exception>
    [ReadOnly]
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<RegistryEvent>> GetHistoryAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an A/B test of the kind (or changes its share or challenger): <paramref name="challengerVersion"/> scores
    /// <paramref name="share"/> of the candidates on every silo, fanned out like a promotion. One test in the cluster at a
    /// time: two would split by the same hash, so their arms would coincide and their effects could not be told apart.
    /// </summary>
    /// <returns>The test as stored.</returns>
    /// <exception cref="ArgumentException">Unknown kind, a kind that cannot be split, or a share outside (0, 1).</exception>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="ModelRegistryConflictException">The version is production already, or another kind is under test.</exception>
    [Alias("StartAbTestAsync")]
    Task<ModelAbTest> StartAbTestAsync(string challengerVersion, double share, CancellationToken cancellationToken = default);

    /// <summary>
    /// The kind's running A/B test, or null. Interleaves with any call: another kind's registry asks it while starting its own
    /// test, and two registries asking each other must not wait on each other.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetAbTestAsync")]
    Task<ModelAbTest?> GetAbTestAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the kind's A/B test: every silo scores every candidate with production again.</summary>
    /// <returns>The ended test, or null when the kind had none.</returns>
    [Alias("EndAbTestAsync")]
    Task<ModelAbTest?> EndAbTestAsync(CancellationToken cancellationToken = default);
}
