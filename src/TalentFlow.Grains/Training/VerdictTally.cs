using Orleans.Runtime;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The coordinator's count of the reviewers' verdicts: each job's latest counts (the verdicts themselves stay with the job's
/// review grain), and how many there were when each model kind last started training, which the threshold counts from.
/// </summary>
internal sealed class VerdictTally(IPersistentState<TrainingCoordinatorState> state)
{
    /// <summary>Replaces <paramref name="jobId"/>'s counts; answers whether anything changed (then it is durable).</summary>
    /// <exception cref="ArgumentException">The counts contradict each other.</exception>
    public async Task<bool> RecordAsync(string jobId, VerdictCounts counts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Total < 0 || counts.Positive < 0 || counts.NeedsRetraining < 0 || counts.Positive > counts.Total || counts.NeedsRetraining > counts.Total)
        {
            throw new ArgumentException($"Inconsistent verdict counts for job {jobId}: {counts}.", nameof(counts));
        }
        var byJob = state.State.VerdictsByJob;
        byJob.TryGetValue(jobId, out var previous);
        if (previous == counts || (previous is null && counts.Total == 0)) return false;
        if (counts.Total == 0) byJob.Remove(jobId);
        else byJob[jobId] = counts;
        await state.WriteOrRestoreAsync(() =>
        {
            if (previous is null) byJob.Remove(jobId);
            else byJob[jobId] = previous;
        }, cancellationToken).ConfigureAwait(true);
        return true;
    }

    /// <summary>The jobs that hold verdicts, in ordinal order.</summary>
    public IReadOnlyList<string> Jobs()
    {
        var jobs = new List<string>(state.State.VerdictsByJob.Keys);
        jobs.Sort(StringComparer.Ordinal);
        return jobs;
    }

    /// <summary>
    /// The verdicts <paramref name="model"/> learns from. Reviewers judge screening results, not a model, so every kind that
    /// scores a resume against a job (the baseline, the semantic encoder) learns from the same verdicts; other kinds have none yet.
    /// </summary>
    public VerdictCounts Of(string model)
    {
        if (!MatchingModels.TrainableModels.Contains(model)) return new VerdictCounts(0, 0, 0);
        int total = 0, positive = 0, retrain = 0;
        foreach (var counts in state.State.VerdictsByJob.Values)
        {
            total += counts.Total;
            positive += counts.Positive;
            retrain += counts.NeedsRetraining;
        }
        return new VerdictCounts(total, positive, retrain);
    }

    /// <summary>Verdicts counted since <paramref name="model"/> last started training.</summary>
    public int NewSinceLastStart(string model) => Of(model).Total - state.State.TrainedAtSamples.GetValueOrDefault(model);

    /// <summary>
    /// Notes that <paramref name="model"/> started training at <paramref name="total"/> verdicts (made durable by the job's
    /// write): the threshold counts from there, whether or not a trainer takes it.
    /// </summary>
    public void StartedTraining(string model, int total) => state.State.TrainedAtSamples[model] = total;

    /// <summary>State written before the verdicts moved to their jobs: per-result entries become per-job counts, once.</summary>
    public async Task MigrateLegacyAsync(CancellationToken cancellationToken)
    {
        if (state.State.Feedback.Count == 0) return;
        foreach (var byResult in state.State.Feedback.Values)
        {
            foreach (var (job, c) in CountByJob(byResult)) state.State.VerdictsByJob.TryAdd(job, c);
        }
        state.State.Feedback.Clear();
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <summary>One model kind's legacy verdicts (result id <c>job|candidate</c> → verdict) counted per job; malformed ids are skipped.</summary>
    public static Dictionary<string, VerdictCounts> CountByJob(IReadOnlyDictionary<string, CountedFeedback> byResult)
    {
        var counted = new Dictionary<string, VerdictCounts>(StringComparer.Ordinal);
        foreach (var (resultId, verdict) in byResult)
        {
            int bar = resultId.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0) continue;
            string job = resultId[..bar];
            var c = counted.GetValueOrDefault(job) ?? new VerdictCounts(0, 0, 0);
            counted[job] = new VerdictCounts(c.Total + 1, c.Positive + (verdict.Positive ? 1 : 0), c.NeedsRetraining + (verdict.NeedsRetraining ? 1 : 0));
        }
        return counted;
    }
}
