using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Listing;

/// <summary>A partition of the job directory: one record per job (<see cref="SortedDirectory{TEntry}"/>).</summary>
[GrainType("job-directory-shard")]
// Shards spread over the silos by their id, so creates on a busy cluster do not queue on one silo.
[Orleans.Placement.HashBasedPlacement]
public sealed class JobDirectoryShardGrain([PersistentRecords("jobs")] IPersistentRecords<JobSummary> records) : Grain, IJobDirectoryShardGrain
{
    private readonly SortedDirectory<JobSummary> _directory = new(records, static j => j.Id);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _directory.Load();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertAsync(JobSummary job, CancellationToken cancellationToken = default) => _directory.UpsertAsync(job, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default) => _directory.RemoveAsync(jobId, cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryPart<JobSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_directory.After(afterId, limit));
}
