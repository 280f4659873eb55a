using Orleans;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Candidates;

namespace TalentFlow.Grains.Candidates;

/// <summary>
/// Every stored candidate, listed in id order (one key, <see cref="Key"/>; a stateless worker in front of the directory's
/// shards). Candidate grains register their summary when a resume is stored and remove it when deleted, each before the call is
/// acknowledged, so the list reads its writes.
/// </summary>
[Alias("TalentFlow.Grains.ICandidateDirectoryGrain")]
public interface ICandidateDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "candidates";

    /// <summary>Adds or replaces a candidate's summary; acknowledged once durable.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(CandidateSummary candidate, CancellationToken cancellationToken = default);

    /// <summary>Removes a candidate from the list; false when it was not listed.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> candidates after <paramref name="cursor"/> (from the start when null), in ordinal id
    /// order, with the cursor of the next page (<see cref="Paging"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The limit is not 1–500, or the cursor is not one this directory made.</exception>
    [Alias("ListAsync")]
    Task<CandidatePage> ListAsync(int limit, string? cursor = null, CancellationToken cancellationToken = default);
}
