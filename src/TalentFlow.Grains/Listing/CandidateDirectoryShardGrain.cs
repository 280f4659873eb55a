using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Listing;

/// <summary>A partition of the candidate directory: one record per candidate (<see cref="SortedDirectory{TEntry}"/>).</summary>
[GrainType("candidate-directory-shard")]
// Shards spread over the silos by their id, so creates on a busy cluster do not queue on one silo.
[Orleans.Placement.HashBasedPlacement]
public sealed class CandidateDirectoryShardGrain([PersistentRecords("candidates")] IPersistentRecords<CandidateSummary> records) : Grain, ICandidateDirectoryShardGrain
{
    private readonly SortedDirectory<CandidateSummary> _directory = new(records, static c => c.Id);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _directory.Load();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpsertAsync(CandidateSummary candidate, CancellationToken cancellationToken = default) => _directory.UpsertAsync(candidate, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string candidateId, CancellationToken cancellationToken = default) => _directory.RemoveAsync(candidateId, cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryPart<CandidateSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_directory.After(afterId, limit));
}
