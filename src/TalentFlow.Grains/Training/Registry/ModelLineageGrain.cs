using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>
/// One job's part of a version's training set, stored column-wise to keep it small: the i-th candidate, reviewer, label
/// (<c>1</c> shortlist, <c>0</c> reject) and side (<c>1</c> held out) belong together.
/// </summary>
public sealed record TrainingSetColumns(IReadOnlyList<string> Candidates, IReadOnlyList<string?> Reviewers, string Labels, string HeldOut);

/// <summary>How many decisions a version made beyond those its index keeps.</summary>
public sealed class ModelDecisionOverflow
{
    /// <summary>Decisions counted but not kept (the index keeps <see cref="ModelLineageGrain.MaxKeptDecisions"/>).</summary>
    public long Uncounted { get; set; }
}

/// <inheritdoc cref="IModelLineageGrain" />
/// <remarks>
/// The training set is one record per job and the decision index one record per screening result, so neither write costs
/// more than its own entry. The index keeps the first <see cref="MaxKeptDecisions"/> results and counts the rest.
/// </remarks>
[GrainType("model-lineage")]
public sealed class ModelLineageGrain(
    [PersistentRecords("training-set")] IPersistentRecords<TrainingSetColumns> trainingSet,
    [PersistentRecords("decisions")] IPersistentRecords<ModelDecision> decisions,
    [PersistentState("decision-overflow")] IPersistentState<ModelDecisionOverflow> overflow) : Grain, IModelLineageGrain
{
    /// <summary>How many decisions the index keeps per version: 10,000 (the rest are counted).</summary>
    public const int MaxKeptDecisions = 10_000;

    /// <summary>The most entries one read answers: 10,000.</summary>
    public const int MaxPage = 10_000;

    /// <inheritdoc />
    public async Task SaveTrainingSetAsync(IReadOnlyList<LineageItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byJob = items.GroupBy(i => i.JobId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(i => i.CandidateId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        foreach (var stale in trainingSet.Records.Keys.Where(k => !byJob.ContainsKey(k)).ToList()) await trainingSet.RemoveAsync(stale, cancellationToken).ConfigureAwait(true);
        foreach (var (job, list) in byJob.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var columns = new TrainingSetColumns([.. list.Select(i => i.CandidateId)], [.. list.Select(i => i.Reviewer)],
                string.Concat(list.Select(i => i.Label == "shortlist" ? '1' : '0')), string.Concat(list.Select(i => i.HeldOut ? '1' : '0')));
            await trainingSet.WriteAsync(job, columns, cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public Task<LineagePage<LineageItem>> GetTrainingSetAsync(int limit, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var items = new List<LineageItem>();
        int total = 0;
        foreach (var (job, c) in trainingSet.Records.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            total += c.Candidates.Count;
            for (int i = 0; i < c.Candidates.Count && items.Count < limit; i++)
            {
                items.Add(new LineageItem(ScreeningResult.IdOf(job, c.Candidates[i]), job, c.Candidates[i], c.Reviewers[i], c.Labels[i] == '1' ? "shortlist" : "reject", c.HeldOut[i] == '1'));
            }
        }
        return Task.FromResult(new LineagePage<LineageItem>(total, items));
    }

    /// <inheritdoc />
    public async Task RecordDecisionAsync(ModelDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decisions.Records.ContainsKey(decision.ResultId) || decisions.Records.Count < MaxKeptDecisions)
        {
            await decisions.WriteAsync(decision.ResultId, decision, cancellationToken).ConfigureAwait(true);
            return;
        }
        overflow.State.Uncounted++;
        await overflow.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<LineagePage<ModelDecision>> GetDecisionsAsync(int limit, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var newest = decisions.Records.Values.OrderByDescending(d => d.At).ThenBy(d => d.ResultId, StringComparer.Ordinal).Take(limit).ToList();
        return Task.FromResult(new LineagePage<ModelDecision>(decisions.Records.Count + overflow.State.Uncounted, newest));
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 0 or > MaxPage) throw new ArgumentException($"limit must be between 0 and {MaxPage:N0}, not {limit}.");
    }
}
