using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Jobs;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// One training job's exchanges with the cluster, shared by the trainer grain and the kind's procedure: progress reported to
/// the coordinator between phases (and a stop when it answers that the job was cancelled or is no longer this attempt's), the
/// labelled results read from the jobs' review grains, reads retried through a changing cluster, and the trained version's
/// artifact and lineage stored.
/// </summary>
/// <param name="grains">The trainer grain's factory.</param>
/// <param name="coordinator">The coordinator that dispatched the job.</param>
/// <param name="key">The trainer grain's key: the job id, or <c>job~attempt</c> for a dispatch after a loss.</param>
/// <param name="node">The address of the silo the job runs on.</param>
/// <param name="gate">The promotion gate.</param>
internal sealed class TrainingRun(IGrainFactory grains, ITrainingCoordinatorGrain coordinator, string key, string? node, PromotionGate gate)
{
    /// <summary>The trainer grain's key (the job id, or <c>job~attempt</c>).</summary>
    public string Key => key;

    /// <summary>The grain factory procedures read the training data with.</summary>
    public IGrainFactory Grains => grains;

    /// <summary>The promotion gate.</summary>
    public PromotionGate Gate => gate;

    /// <summary>Reports progress between phases; throws <see cref="JobCancelledException"/> when the coordinator says stop.</summary>
    public async Task CheckpointAsync(double progress, string line)
    {
        if (!await ReadAsync(() => coordinator.ReportProgressAsync(key, progress, line)).ConfigureAwait(true)) throw new JobCancelledException();
    }

    /// <summary>Every labelled result, ordered by result id: the coordinator names the jobs with verdicts, each job's review grain holds its own latest verdict per result.</summary>
    public async Task<IReadOnlyList<LabelledResult>> ReadLabelledAsync()
    {
        await CheckpointAsync(0.2, "Collecting labelled samples.").ConfigureAwait(true);
        var labelled = new List<LabelledResult>();
        foreach (var jobId in await ReadAsync(() => coordinator.GetJobsWithVerdictsAsync()).ConfigureAwait(true))
        {
            labelled.AddRange(await ReadAsync(() => grains.GetGrain<IJobReviewGrain>(jobId).GetLabelledResultsAsync()).ConfigureAwait(true));
        }
        labelled.Sort(static (a, b) => string.CompareOrdinal(a.ResultId, b.ResultId));
        return labelled;
    }

    /// <summary>Stores a trained version's artifact and training set (its lineage). Every kind of training ends with this.</summary>
    public async Task StoreVersionAsync(string model, string version, byte[] artifact, IReadOnlyList<LineageItem> lineage)
    {
        await CheckpointAsync(0.8, $"Storing the artifact of {version}.").ConfigureAwait(true);
        string artifactKey = ModelArtifactGrain.Key(model, version);
        await grains.GetGrain<IModelArtifactGrain>(artifactKey).SaveAsync(artifact).ConfigureAwait(true);
        await grains.GetGrain<IModelLineageGrain>(artifactKey).SaveTrainingSetAsync(lineage).ConfigureAwait(true);
    }

    /// <summary>The outcome of a job that trained and stored <paramref name="version"/>.</summary>
    public TrainingOutcome Succeeded(string message, IReadOnlyDictionary<string, double> metrics, string version, bool promote,
        IReadOnlyDictionary<string, string> parameters, string? fingerprint) =>
        new(key, true, message, metrics, version, promote, node, parameters, fingerprint);

    /// <summary>The outcome of a job that stored nothing.</summary>
    public TrainingOutcome Failed(string message) => new(key, false, message, new Dictionary<string, double>(), null, false, node);

    /// <summary>
    /// A read of the training data, tried again on a transient failure: while the cluster changes (a silo lost, grains moving)
    /// a call can meet a closing activation or a dead connection, and one such read must not fail a whole training job.
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await read().ConfigureAwait(true);
            }
            catch (Exception ex) when (attempt < 5 && ex is not (ArgumentException or KeyNotFoundException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt)).ConfigureAwait(true);
            }
        }
    }

    /// <summary>The coordinator answered a checkpoint with "stop": nothing to store, nothing to report.</summary>
    public sealed class JobCancelledException : Exception;
}
