using System.Collections.Concurrent;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Invocation;

namespace TalentFlow.Runtime.Activation;

/// <summary>The activations of one silo (Orleans: <c>Catalog</c>): creates them on first call, collects idle ones.</summary>
internal sealed class Catalog : IDisposable
{
    private readonly ConcurrentDictionary<ActivationKey, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, int> _workerCursor = new();
    private readonly SiloRuntime _runtime;
    private ITimer? _collector;

    public Catalog(SiloRuntime runtime) => _runtime = runtime;

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public void StartCollector()
    {
        var quantum = _runtime.Options.CollectionQuantum;
        _collector = _runtime.TimeProvider.CreateTimer(static s => ((Catalog)s!).CollectIdle(), this, quantum, quantum);
    }

    public ActivationData GetOrCreate(GrainId grainId, GrainClassInfo grainClass)
    {
        var key = grainClass.IsStatelessWorker ? new ActivationKey(grainId, NextWorker(grainId, grainClass.StatelessWorkerMax)) : new ActivationKey(grainId, -1);
        if (_activations.TryGetValue(key, out var existing)) return existing;
        var created = new ActivationData(key, grainClass, _runtime);
        var winner = _activations.GetOrAdd(key, created);
        if (ReferenceEquals(winner, created)) _ = created.ActivateAsync();
        return winner;
    }

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(new ActivationKey(grainId, -1), out activation!);

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.Key, activation));

    /// <summary>Deactivates every activation (graceful shutdown), waiting at most the deactivation timeout for each.</summary>
    public Task DeactivateAllAsync(DeactivationReason reason) =>
        Task.WhenAll(_activations.Values.Select(a => a.DeactivateAsync(reason)));

    /// <summary>
    /// After a view change: deactivates activations whose grains another silo now owns, so a stale copy can never answer
    /// if ownership comes back here later. Stateless workers stay.
    /// </summary>
    public int DeactivateMoved()
    {
        int moved = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.GrainClass.IsStatelessWorker || _runtime.IsLocalOwner(activation.GrainId)) continue;
            activation.RequestDeactivation(DeactivationReason.OwnershipMoved);
            moved++;
        }
        return moved;
    }

    /// <summary>Collects idle activations now (the collector's tick; also callable by tests).</summary>
    public int CollectIdle()
    {
        var now = _runtime.TimeProvider.GetUtcNow();
        int collected = 0;
        foreach (var activation in _activations.Values)
        {
            var grainClass = activation.GrainClass;
            if (grainClass.AlwaysActive) continue;
            var age = grainClass.CollectionAge ?? _runtime.Options.CollectionAge;
            if (activation.IsIdleLongerThan(age, now))
            {
                activation.RequestDeactivation(DeactivationReason.Idle);
                collected++;
            }
        }
        if (collected > 0) _runtime.Log.CollectedIdle(collected);
        return collected;
    }

    /// <summary>Stateless workers: a pool of up to <paramref name="max"/> local activations, picked round-robin.</summary>
    private int NextWorker(GrainId grainId, int max) => _workerCursor.AddOrUpdate(grainId, 0, (_, c) => (c + 1) % max);

    public void Dispose() => _collector?.Dispose();
}

/// <summary>A catalog key: the grain and, for stateless workers, which local worker (-1 otherwise).</summary>
internal readonly record struct ActivationKey(GrainId GrainId, int Worker);
