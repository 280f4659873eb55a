using Orleans;
using TalentFlow.Grains.Jobs;

namespace TalentFlow.Grains.Review;

/// <summary>The set of jobs in review, persisted as one sorted list (a few thousand ids at most per cluster).</summary>
[GrainType("review-directory")]
public sealed class ReviewDirectoryGrain([PersistentState("review-directory")] IPersistentState<ReviewDirectoryState> state) : Grain, IReviewDirectoryGrain
{
    /// <inheritdoc />
    public async Task RegisterAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var jobs = state.State.Jobs;
        int at = jobs.BinarySearch(jobId, StringComparer.Ordinal);
        if (at >= 0) return;
        jobs.Insert(~at, jobId);
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            jobs.Remove(jobId);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetJobsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Jobs]);
}

/// <summary>What <see cref="ReviewDirectoryGrain"/> persists.</summary>
public sealed class ReviewDirectoryState
{
    /// <summary>Job ids, ordinal order.</summary>
    public List<string> Jobs { get; set; } = [];
}
