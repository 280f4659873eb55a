using Orleans;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Recommendations;

/// <summary>
/// A partition of the job catalog: entries persisted as the source of truth, and a <see cref="ContentJobIndex"/> (each job's
/// title vector and place, computed once) rebuilt from them on activation and scanned exactly by every ranking.
/// </summary>
[GrainType("job-catalog-shard")]
// Shards spread over the silos by their id, so one recommendation runs on every silo at once.
[Orleans.Placement.HashBasedPlacement]
public sealed class JobCatalogShardGrain(
    [PersistentState("catalog")] IPersistentState<JobCatalogShardState> state,
    RecommendationModels models) : Grain, IJobCatalogShardGrain
{
    private ContentJobIndex _index = new(models.Content);

    /// <inheritdoc />
    public async Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.JobId);
        var entries = state.State.Entries;
        entries.TryGetValue(entry.JobId, out var previous);
        if (entry == previous) return;
        entries[entry.JobId] = entry;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            if (previous is null) entries.Remove(entry.JobId);
            else entries[entry.JobId] = previous;
            throw;
        }
        _index.Upsert(entry.JobId, entry.Title, entry.City, entry.State, entry.Company);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (!state.State.Entries.Remove(jobId, out var previous)) return false;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Entries[jobId] = previous;
            throw;
        }
        _index.Remove(jobId);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobCatalogEntry>> GetAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var found = new List<JobCatalogEntry>();
        foreach (var id in jobIds)
        {
            if (id is not null && state.State.Entries.TryGetValue(id, out var entry)) found.Add(entry);
        }
        return Task.FromResult<IReadOnlyList<JobCatalogEntry>>(found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CatalogHit>> TopAsync(CatalogQuery query, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var content = CatalogScoring.Query(models, query);
        var served = models.Ranker;
        var hits = served is not null
            ? _index.Search(content, CatalogScoring.Signals(models, query), served.Model, served.Features, top)
            : _index.Search(content, top);
        string modelName = served?.Version ?? RecommendationModels.ContentModelName;
        var result = new CatalogHit[hits.Count];
        var entries = state.State.Entries;
        for (int i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            result[i] = new CatalogHit(entries[hit.JobId], hit.Score, hit.Text, hit.SameState, hit.SameCity, modelName);
        }
        return Task.FromResult<IReadOnlyList<CatalogHit>>(result);
    }

    /// <inheritdoc />
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Entries.Count);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new ContentJobIndex(models.Content);
        // In id order, so that the index (and so ties) is the same after every activation on any silo.
        foreach (var entry in state.State.Entries.Values.OrderBy(e => e.JobId, StringComparer.Ordinal))
        {
            _index.Upsert(entry.JobId, entry.Title, entry.City, entry.State, entry.Company);
        }
        return Task.CompletedTask;
    }
}
