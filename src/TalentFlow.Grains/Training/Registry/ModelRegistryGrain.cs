using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Hosting.Broadcast;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training.Registry;

/// <inheritdoc cref="IModelRegistryGrain" />
/// <remarks>
/// Every change runs through <see cref="CommitAsync"/>: it changes the state, which commits in one ETag-fenced write with the
/// events it recorded, or is put back when the write fails; then the events move to their records and, last, the fan-out.
/// <see cref="ModelAliases.Champion"/> is the production version, not a stored pointer: setting it promotes, every promotion
/// and rollback moves it, and it cannot be deleted, so the two never disagree.
/// </remarks>
[GrainType("model-registry")]
public sealed partial class ModelRegistryGrain(
    [PersistentState("registry")] IPersistentState<ModelRegistryState> state,
    [PersistentRecords("registry-events")] IPersistentRecords<RegistryEvent> records,
    IRegistryEventSink eventSink,
    ScreeningModels screening,
    IClusterBroadcaster broadcaster,
    ILogger<ModelRegistryGrain> logger,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, IModelRegistryGrain
{
    /// <summary>The actor recorded for the built-in model's registration.</summary>
    internal const string SystemActor = "system";

    /// <summary>How far back a rollback can go: the last 50 production versions.</summary>
    private const int MaxProductionHistory = 50;

    private readonly RegistryEventLog _events = new(state, records, eventSink, logger);

    private string Model => this.GetPrimaryKeyString();

    private ModelRegistryState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await TakeOverLegacyAsync(cancellationToken).ConfigureAwait(true);
        await _events.FlushAsync(cancellationToken).ConfigureAwait(true);
        await EnsureBuiltInAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelVersionInfo>>([.. S.Versions]);

    /// <inheritdoc />
    public Task<string?> GetProductionAsync(CancellationToken cancellationToken = default) => Task.FromResult(S.Production?.Version);

    /// <inheritdoc />
    public async Task RegisterAsync(string version, IReadOnlyDictionary<string, double>? metrics, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: false);
        _ = ModelKindRegistry.Get(Model);
        if (S.IndexOf(version) >= 0) throw new ModelRegistryConflictException($"Model {Model} already has a version '{version}'.");
        if (await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, version)).GetAsync(cancellationToken).ConfigureAwait(true) is null)
        {
            throw new ArgumentException($"Model {Model} version '{version}' has no stored artifact.", nameof(version));
        }
        var now = timeProvider.GetUtcNow();
        await CommitAsync(s =>
        {
            s.Versions.Add(new ModelVersionInfo(Model, version, "None", metrics ?? new Dictionary<string, double>(), now, s.Production?.Version));
            Record(RegistryEventKinds.Registered, version, null, null, "None", change);
        }, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task RegisterTrainedAsync(string jobId, TrainingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Version is not { } version) throw new ArgumentException($"Job {jobId} reported no version to register.", nameof(outcome));
        if (S.IndexOf(version) >= 0) return;
        var now = timeProvider.GetUtcNow();
        await CommitAsync(s =>
        {
            string? production = s.Production?.Version;
            // Every evaluated version enters the registry in Staging; the caller promotes it when it cleared the bar.
            s.Versions.Add(new ModelVersionInfo(Model, version, "Staging", outcome.Metrics, now, production, Parameters: outcome.Parameters, DataFingerprint: outcome.DataFingerprint));
            Record(RegistryEventKinds.Registered, version, null, null, "Staging", new RegistryChange(RegistryChange.TrainerActor, $"Trained by job {jobId}."));
            if (!outcome.BeatsProduction) Record(RegistryEventKinds.GateRejected, version, production, null, "Staging", new RegistryChange(RegistryChange.GateActor, outcome.Message));
        }, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task PromoteAsync(string version, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: false);
        int index = S.IndexOf(version);
        if (index < 0) throw new KeyNotFoundException($"Model {Model} has no version '{version}'.");
        await MakeProductionAsync(index, historyAt: null, RegistryEventKinds.Promoted, change, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<ModelVersionInfo> RollbackAsync(RollbackTarget target, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(change);
        target.Validate();
        bool targeted = target.ToVersion is not null || target.Alias is not null;
        change.Validate(reasonRequired: targeted);
        if (!targeted)
        {
            var current = S.Production ?? throw new KeyNotFoundException($"Model {Model} has no production version to roll back.");
            var (index, at) = RegistryRollback.PreviousProduction(S, Model, current);
            return await MakeProductionAsync(index, at, RegistryEventKinds.RolledBack, change, cancellationToken).ConfigureAwait(true);
        }
        if (target.ToVersion is { } version) return await RollbackProductionToAsync(version, change, cancellationToken).ConfigureAwait(true);

        string alias = target.Alias!;
        string? holder = alias == ModelAliases.Champion ? S.Production?.Version : S.Aliases.GetValueOrDefault(alias)?.Version;
        string chosen = RegistryRollback.EarlierHolder(_events.All(), Model, alias, holder, target);
        if (alias == ModelAliases.Champion) return await RollbackProductionToAsync(chosen, change, cancellationToken).ConfigureAwait(true);
        if (S.IndexOf(chosen) < 0) throw new ModelRegistryConflictException($"Version '{chosen}' of {Model}, which held '{alias}', is no longer registered.");
        await SetAliasAsync(alias, chosen, change, cancellationToken).ConfigureAwait(true);
        return S.Versions[S.IndexOf(chosen)];
    }

    private async Task<ModelVersionInfo> RollbackProductionToAsync(string version, RegistryChange change, CancellationToken cancellationToken)
    {
        var (index, at) = RegistryRollback.FormerProduction(S, Model, version);
        return await MakeProductionAsync(index, at, RegistryEventKinds.RolledBack, change, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Makes the version at <paramref name="index"/> production, archives the one it replaces, then fans it out.</summary>
    /// <param name="index">The chosen version's place in the registry.</param>
    /// <param name="historyAt">For a rollback, the chosen version's place in the history, which is cut after it; null: appended.</param>
    /// <param name="kind">The event it records: <see cref="RegistryEventKinds.Promoted"/> or <see cref="RegistryEventKinds.RolledBack"/>.</param>
    /// <param name="change">Who asked and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The version, production now.</returns>
    private async Task<ModelVersionInfo> MakeProductionAsync(int index, int? historyAt, string kind, RegistryChange change, CancellationToken cancellationToken)
    {
        var chosen = S.Versions[index];
        bool endsAbTest = false;
        var now = timeProvider.GetUtcNow();
        await CommitAsync(s =>
        {
            string? champion = s.Production?.Version, replaced = null;
            for (int i = 0; i < s.Versions.Count; i++)
            {
                var v = s.Versions[i];
                if (v.Stage != "Production" || i == index) continue;
                s.Versions[i] = v with { Stage = "Archived" };
                replaced = v.Version;
                Record(RegistryEventKinds.StageChanged, v.Version, null, null, "Archived", change);
            }
            // A version promoted over another records it as its parent unless it already names one (what it was trained against).
            s.Versions[index] = chosen with { Stage = "Production", PromotedAt = now, Parent = chosen.Parent ?? replaced };
            Record(kind, chosen.Version, replaced, null, "Production", change);
            // The champion alias is the production version: it moves with it, recorded as its own event for the alias's history.
            if (champion != chosen.Version) Record(RegistryEventKinds.AliasMoved, chosen.Version, champion, ModelAliases.Champion, null, change);
            var history = s.ProductionHistory;
            if (historyAt is { } cut) history.RemoveRange(cut + 1, history.Count - cut - 1);
            else if (history.Count == 0 || history[^1] != chosen.Version) history.Add(chosen.Version);
            if (history.Count > MaxProductionHistory) history.RemoveRange(0, history.Count - MaxProductionHistory);
            // Promoting the A/B test's challenger ends the test: it serves every candidate now.
            endsAbTest = s.AbTest is { } test && test.ChallengerVersion == chosen.Version;
            if (endsAbTest) s.AbTest = null;
        }, cancellationToken).ConfigureAwait(true);
        // Durable first, then the fan-out; a silo that misses it catches up from the registries when it (re)joins.
        var payload = JsonSerializer.SerializeToUtf8Bytes(new ModelVersionMessage(Model, chosen.Version), ModelVersionBroadcastHandler.JsonOptions);
        await broadcaster.BroadcastAsync(ModelVersionBroadcastHandler.ChannelName, payload, cancellationToken).ConfigureAwait(true);
        if (endsAbTest) await BroadcastAbTestAsync(null, cancellationToken).ConfigureAwait(true);
        return S.Versions[index];
    }

    /// <inheritdoc />
    public async Task<ModelAlias> SetAliasAsync(string alias, string version, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ModelAliases.Validate(alias);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: true);
        _ = ModelKindRegistry.Get(Model);
        if (S.IndexOf(version) < 0) throw new KeyNotFoundException($"Model {Model} has no version '{version}'.");
        if (alias == ModelAliases.Champion)
        {
            if (S.Production?.Version != version) await PromoteAsync(version, change, cancellationToken).ConfigureAwait(true);
            return Champion()!;
        }
        var previous = S.Aliases.GetValueOrDefault(alias);
        if (previous?.Version == version) return previous;
        var set = new ModelAlias(Model, alias, version, timeProvider.GetUtcNow(), change.Actor, change.Reason);
        await CommitAsync(s =>
        {
            s.Aliases[alias] = set;
            Record(RegistryEventKinds.AliasMoved, version, previous?.Version, alias, null, change);
        }, cancellationToken).ConfigureAwait(true);
        return set;
    }

    /// <inheritdoc />
    public async Task<ModelAlias> DeleteAliasAsync(string alias, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ModelAliases.Validate(alias);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: true);
        if (alias == ModelAliases.Champion)
        {
            throw new ModelRegistryConflictException($"'{ModelAliases.Champion}' follows the production stage and cannot be deleted; promote or roll back instead.");
        }
        if (S.Aliases.GetValueOrDefault(alias) is not { } removed) throw new KeyNotFoundException($"Model {Model} has no alias '{alias}'.");
        await CommitAsync(s =>
        {
            s.Aliases.Remove(alias);
            Record(RegistryEventKinds.AliasDeleted, null, removed.Version, alias, null, change);
        }, cancellationToken).ConfigureAwait(true);
        return removed;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<ModelAlias>(S.Aliases.Values);
        if (Champion() is { } champion) all.Add(champion);
        all.Sort(static (a, b) => string.CompareOrdinal(a.Alias, b.Alias));
        return Task.FromResult<IReadOnlyList<ModelAlias>>(all);
    }

    /// <summary>The champion as an alias: the production version, set by whoever last moved production (per the history).</summary>
    private ModelAlias? Champion()
    {
        if (S.Production is not { } production) return null;
        var moved = _events.All().LastOrDefault(e => e.Kind == RegistryEventKinds.AliasMoved && e.Alias == ModelAliases.Champion && e.Version == production.Version);
        return new ModelAlias(Model, ModelAliases.Champion, production.Version, moved?.At ?? production.PromotedAt ?? production.CreatedAt,
            moved?.Actor ?? RegistryChange.UnnamedActor, moved?.Reason);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryEvent>> GetHistoryAsync(int limit, CancellationToken cancellationToken = default) => Task.FromResult(_events.Last(limit));

    /// <inheritdoc />
    public async Task<ModelAbTest> StartAbTestAsync(string challengerVersion, double share, CancellationToken cancellationToken = default)
    {
        var kind = ModelKindRegistry.Get(Model);
        if (!kind.SupportsAbTest)
        {
            throw new ArgumentException($"Model {Model} cannot be A/B tested; {string.Join(" and ", ModelKindRegistry.AbTestable)} can.", "model");
        }
        if (double.IsNaN(share) || share is <= 0 or >= 1)
        {
            throw new ArgumentException($"The challenger's share must be between 0 and 1 (exclusive), not {share}; to serve it to everyone, promote it.", nameof(share));
        }
        int index = S.IndexOf(challengerVersion);
        if (index < 0) throw new KeyNotFoundException($"Model {Model} has no version '{challengerVersion}'.");
        if (S.Versions[index].Stage == "Production") throw new ModelRegistryConflictException($"Version '{challengerVersion}' of {Model} is production already; test another one against it.");
        await EnsureNoOtherTestAsync(cancellationToken).ConfigureAwait(true);
        var previous = S.AbTest;
        // A new share of the same challenger keeps its start, so its results so far still count.
        var test = previous is not null && previous.ChallengerVersion == challengerVersion
            ? previous with { Share = share }
            : new ModelAbTest(Model, challengerVersion, share, S.Production?.Version, timeProvider.GetUtcNow());
        await CommitAsync(s => s.AbTest = test, cancellationToken).ConfigureAwait(true);
        try
        {
            // Checked again once durable: two kinds starting at once both see the other's test (or one of them does), and
            // give way, so two tests never run; at worst both starts are refused and can be tried again.
            await EnsureNoOtherTestAsync(cancellationToken).ConfigureAwait(true);
        }
        catch (ModelRegistryConflictException)
        {
            await CommitAsync(s => s.AbTest = previous, CancellationToken.None).ConfigureAwait(true);
            throw;
        }
        await BroadcastAbTestAsync(test, cancellationToken).ConfigureAwait(true);
        return test;
    }

    /// <summary>One test in the cluster at a time: every other kind that can be split is asked for its test.</summary>
    private async Task EnsureNoOtherTestAsync(CancellationToken cancellationToken)
    {
        foreach (var other in ModelKindRegistry.AbTestable)
        {
            if (other == Model) continue;
            if (await GrainFactory.GetGrain<IModelRegistryGrain>(other).GetAbTestAsync(cancellationToken).ConfigureAwait(true) is { } running)
            {
                throw new ModelRegistryConflictException($"Model {running.Model} is under an A/B test (version '{running.ChallengerVersion}'); end it first, one test runs at a time.");
            }
        }
    }

    /// <inheritdoc />
    public Task<ModelAbTest?> GetAbTestAsync(CancellationToken cancellationToken = default) => Task.FromResult(S.AbTest);

    /// <inheritdoc />
    public async Task<ModelAbTest?> EndAbTestAsync(CancellationToken cancellationToken = default)
    {
        if (S.AbTest is not { } test) return null;
        await CommitAsync(s => s.AbTest = null, cancellationToken).ConfigureAwait(true);
        await BroadcastAbTestAsync(null, cancellationToken).ConfigureAwait(true);
        return test;
    }

    /// <summary>Durable first, then the fan-out; a silo that misses it catches up from the registries when it (re)joins.</summary>
    private async Task BroadcastAbTestAsync(ModelAbTest? test, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new AbTestMessage(test), ModelVersionBroadcastHandler.JsonOptions);
        await broadcaster.BroadcastAsync(AbTestBroadcastHandler.ChannelName, payload, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>
    /// The built-in screening model is version 1 of <c>screening_model</c>: registered on every activation that finds it missing
    /// (idempotent; every silo builds the same built-in), in Production when the kind has none yet, else Archived at the start
    /// of the production history — so a rollback always has a target.
    /// </summary>
    private async Task EnsureBuiltInAsync(CancellationToken cancellationToken)
    {
        if (Model != ScreeningModels.ModelName) return;
        var builtIn = screening.BuiltIn;
        if (S.IndexOf(builtIn.Version) >= 0) return;
        // The artifact first: a registered version always has one to load.
        await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, builtIn.Version)).SaveAsync(builtIn.ToArtifact(), cancellationToken).ConfigureAwait(true);
        var now = timeProvider.GetUtcNow();
        var change = new RegistryChange(SystemActor, "The built-in screening model, registered at start-up as the kind's first version.");
        await CommitAsync(s =>
        {
            bool first = s.Production is null;
            s.Versions.Insert(0, new ModelVersionInfo(Model, builtIn.Version, first ? "Production" : "Archived", builtIn.Metrics, now,
                PromotedAt: now, Parameters: builtIn.Parameters, DataFingerprint: builtIn.DataFingerprint));
            s.ProductionHistory.Insert(0, builtIn.Version);
            Record(RegistryEventKinds.Registered, builtIn.Version, null, null, first ? "Production" : "Archived", change);
            if (first) Record(RegistryEventKinds.AliasMoved, builtIn.Version, null, ModelAliases.Champion, null, change);
        }, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>
    /// Once per kind: what the training coordinator kept of this kind's registry before the registry became its own grain
    /// moves here — events to their records first (idempotent), then the rest with the mark, in one write. The coordinator
    /// forgets its copy only after every such kind's registry has activated, so a take-over cut short is taken again.
    /// </summary>
    private async Task TakeOverLegacyAsync(CancellationToken cancellationToken)
    {
        if (S.TookOverLegacy) return;
        var legacy = await GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
            .GetLegacyRegistryAsync(Model, cancellationToken).ConfigureAwait(true);
        // A name that is no kind gets no state row of its own (its calls fail as an empty registry's would).
        if (!legacy.HasAny && !ModelKindRegistry.TryGet(Model, out _)) return;
        long sequence = await _events.ImportAsync(legacy.Events, cancellationToken).ConfigureAwait(true);
        await CommitAsync(s =>
        {
            s.Versions.InsertRange(0, legacy.Versions.Where(v => s.IndexOf(v.Version) < 0));
            if (s.ProductionHistory.Count == 0) s.ProductionHistory.AddRange(legacy.ProductionHistory);
            foreach (var alias in legacy.Aliases) s.Aliases.TryAdd(alias.Alias, alias);
            s.AbTest ??= legacy.AbTest;
            s.EventSequence = Math.Max(s.EventSequence, sequence);
            s.TookOverLegacy = true;
        }, cancellationToken).ConfigureAwait(true);
        if (legacy.HasAny) TookOver(logger, Model, legacy.Versions.Count, legacy.Events.Count);
    }

    private void Record(string kind, string? version, string? previous, string? alias, string? stage, RegistryChange change) =>
        _events.Record(Model, kind, version, previous, alias, stage, change, timeProvider.GetUtcNow());

    /// <summary>Applies <paramref name="change"/> and writes it with its events, or puts the state back; then moves the events.</summary>
    private async Task CommitAsync(Action<ModelRegistryState> change, CancellationToken cancellationToken)
    {
        var before = S.Copy();
        change(S);
        await state.WriteOrRestoreAsync(() => state.State = before, cancellationToken).ConfigureAwait(true);
        await _events.FlushAsync(cancellationToken).ConfigureAwait(true);
    }

    [LoggerMessage(2211, LogLevel.Information, "The registry of {Model} took over {Versions} versions and {Events} events from the training coordinator's state.")]
    private static partial void TookOver(ILogger logger, string model, int versions, int events);
}
