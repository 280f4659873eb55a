using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// A model version's lineage (key <c>model:version</c>, as its artifact): the feedback items its trainer used, stored once
/// before the version is registered, and an index of the screening decisions it made, written as results are screened.
/// </summary>
[Alias("TalentFlow.Grains.IModelLineageGrain")]
public interface IModelLineageGrain : IGrainWithStringKey
{
    /// <summary>Stores the training set (replacing an earlier one); acknowledged once durable.</summary>
    [Alias("SaveTrainingSetAsync")]
    Task SaveTrainingSetAsync(IReadOnlyList<LineageItem> items, CancellationToken cancellationToken = default);

    /// <summary>The training set's size and its first <paramref name="limit"/> items by result id.</summary>
    [ReadOnly]
    [Alias("GetTrainingSetAsync")]
    Task<LineagePage<LineageItem>> GetTrainingSetAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Records one decision of the version (a screening it scored); a result screened again replaces its entry.</summary>
    [Alias("RecordDecisionAsync")]
    Task RecordDecisionAsync(ModelDecision decision, CancellationToken cancellationToken = default);

    /// <summary>How many decisions the version made and the newest <paramref name="limit"/> of those kept.</summary>
    [ReadOnly]
    [Alias("GetDecisionsAsync")]
    Task<LineagePage<ModelDecision>> GetDecisionsAsync(int limit, CancellationToken cancellationToken = default);
}

/// <summary>A page of lineage entries and the count of all of them.</summary>
/// <param name="Total">How many there are.</param>
/// <param name="Items">The page.</param>
public sealed record LineagePage<T>(long Total, IReadOnlyList<T> Items);
