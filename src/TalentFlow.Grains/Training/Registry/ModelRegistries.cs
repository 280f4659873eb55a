using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>
/// Queries over every model kind's registry. The kinds are <see cref="ModelKindRegistry.Names"/>: a registry only accepts
/// versions of a kind compiled into the silo, so that list is complete without a directory grain to keep in step (a kind
/// added in code is found at once), and each kind's grain is asked in parallel.
/// </summary>
public static class ModelRegistries
{
    /// <summary>The registry grain of <paramref name="model"/>.</summary>
    public static IModelRegistryGrain Of(IGrainFactory grains, string model)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return grains.GetGrain<IModelRegistryGrain>(model);
    }

    /// <summary>The versions of <paramref name="model"/>, oldest first; none for a name that is no kind (no grain is activated for it).</summary>
    public static async Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(IGrainFactory grains, string model, CancellationToken cancellationToken = default) =>
        ModelKindRegistry.TryGet(model, out _) ? await Of(grains, model).GetVersionsAsync(cancellationToken).ConfigureAwait(false) : [];

    /// <summary>Every registered version of every kind, in the order they were registered.</summary>
    public static async Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(IGrainFactory grains, CancellationToken cancellationToken = default)
    {
        var perKind = await Task.WhenAll(ModelKindRegistry.Names.Select(m => Of(grains, m).GetVersionsAsync(cancellationToken))).ConfigureAwait(false);
        // A stable sort: each kind's own order (the built-in first) stands where times tie.
        return [.. perKind.SelectMany(v => v).OrderBy(v => v.CreatedAt)];
    }

    /// <summary>The last <paramref name="limit"/> registry events of every kind, newest first.</summary>
    /// <exception cref="ArgumentException"><paramref name="limit"/> outside 1–1,000.</exception>
    public static async Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(IGrainFactory grains, int limit, CancellationToken cancellationToken = default)
    {
        RegistryEventLog.CheckLimit(limit);
        var perKind = await Task.WhenAll(ModelKindRegistry.Names.Select(m => Of(grains, m).GetHistoryAsync(limit, cancellationToken))).ConfigureAwait(false);
        // Each kind numbers its own events; across kinds, time orders them.
        return [.. perKind.SelectMany(e => e).OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence).ThenBy(e => e.Model, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>The running A/B test (at most one kind has one), or null.</summary>
    public static async Task<ModelAbTest?> GetAbTestAsync(IGrainFactory grains, CancellationToken cancellationToken = default)
    {
        var tests = await Task.WhenAll(ModelKindRegistry.AbTestable.Select(m => Of(grains, m).GetAbTestAsync(cancellationToken))).ConfigureAwait(false);
        return tests.FirstOrDefault(t => t is not null);
    }
}
