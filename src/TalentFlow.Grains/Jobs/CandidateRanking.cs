using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Skills;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// Ranks candidates for a posting: retrieval by embedding over every candidate shard finds a pool (max(3N, 30)), the screening
/// score (the one number) ranks it. During an encoder swap, retrieval uses the newest encoder version every shard holds in full.
/// </summary>
internal sealed class CandidateRanking(IGrainFactory grains, MatchingModels models, EncoderMigration migration, PostingFeatures features, int shards)
{
    /// <summary>How many candidates retrieval hands the re-ranking per requested one (at least <see cref="MinRerankPool"/>).</summary>
    private const int RerankFactor = 3;

    private const int MinRerankPool = 30;

    /// <summary>
    /// The <paramref name="top"/> best candidates that pass <paramref name="filter"/>, each scored by <paramref name="score"/>,
    /// which also names the candidate (the scoring reads the profile anyway, so names cost no call of their own).
    /// </summary>
    public async Task<IReadOnlyList<RankedCandidate>> RankAsync(JobPosting posting, int top, CandidateFilter? filter,
        Func<string, CancellationToken, Task<(CandidateMatch Match, string Name)>> score, CancellationToken cancellationToken)
    {
        if (models.Encoder is not { } current) throw new InvalidOperationException("This silo has no semantic encoder.");
        filter = Canonical(filter);
        int pool = Math.Min(1000, Math.Max(top * RerankFactor, MinRerankPool));
        return await RerankAsync(await RetrieveAsync(current.Version, posting, pool, filter, cancellationToken).ConfigureAwait(true), top, score, cancellationToken).ConfigureAwait(true);
    }

    private async Task<IReadOnlyList<RankedCandidate>> RetrieveAsync(string currentVersion, JobPosting posting, int pool, CandidateFilter? filter, CancellationToken cancellationToken)
    {
        var (newest, complete) = await NearestAsync(currentVersion, posting, pool, filter, cancellationToken).ConfigureAwait(true);
        if (complete) return newest;
        // Some candidates are not embedded in the current version yet: make sure someone is re-embedding them, and answer
        // from an older version every shard still holds in full, when this silo keeps one.
        migration.Request(currentVersion);
        foreach (var older in models.EncodersNewestFirst)
        {
            if (older.Version == currentVersion) continue;
            var (ranked, olderComplete) = await NearestAsync(older.Version, posting, pool, filter, cancellationToken).ConfigureAwait(true);
            if (olderComplete) return ranked;
        }
        return newest;
    }

    /// <summary>Scores the retrieved candidates and keeps the best <paramref name="top"/> by score (ties: higher similarity, then lower id).</summary>
    private static async Task<IReadOnlyList<RankedCandidate>> RerankAsync(IReadOnlyList<RankedCandidate> retrieved, int top,
        Func<string, CancellationToken, Task<(CandidateMatch Match, string Name)>> score, CancellationToken cancellationToken)
    {
        var scored = new List<RankedCandidate>(retrieved.Count);
        foreach (var hit in retrieved)
        {
            CandidateMatch match;
            string name;
            try
            {
                (match, name) = await score(hit.CandidateId, cancellationToken).ConfigureAwait(true);
            }
            catch (KeyNotFoundException)
            {
                // Deleted since the shard listed it.
                continue;
            }
            scored.Add(new RankedCandidate(hit.CandidateId, match.Score, hit.Similarity ?? hit.Score, match.Decision, name));
        }
        scored.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : (b.Similarity ?? 0) != (a.Similarity ?? 0) ? (b.Similarity ?? 0).CompareTo(a.Similarity ?? 0)
            : string.CompareOrdinal(a.CandidateId, b.CandidateId));
        return scored.Count > top ? scored.GetRange(0, top) : scored;
    }

    private async Task<(IReadOnlyList<RankedCandidate> Ranked, bool Complete)> NearestAsync(
        string encoderVersion, JobPosting posting, int top, CandidateFilter? filter, CancellationToken cancellationToken)
    {
        var query = (await features.EmbeddingAsync(encoderVersion, posting, cancellationToken).ConfigureAwait(true))!;
        var calls = new Task<ShardRanking>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            calls[shard] = grains.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard)).TopAsync(query, encoderVersion, top, filter, cancellationToken);
        }
        var partitions = await Task.WhenAll(calls).ConfigureAwait(true);
        // Each shard's list is its exact top; the best of their union is the exact top of all (ties: lower id first).
        var merged = new List<RankedCandidate>(shards * top);
        bool complete = true;
        foreach (var partition in partitions)
        {
            merged.AddRange(partition.Hits);
            complete &= partition.Complete;
        }
        merged.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.CandidateId, b.CandidateId));
        return (merged.Count > top ? merged.GetRange(0, top) : merged, complete);
    }

    private static CandidateFilter? Canonical(CandidateFilter? filter)
    {
        if (filter is null || filter.IsEmpty) return null;
        if (filter.RequiredSkills is not { Count: > 0 } skills) return filter;
        var vocabulary = SkillVocabulary.Default;
        var canonical = new List<string>(skills.Count);
        foreach (var skill in skills) canonical.Add(vocabulary.Canonicalize(skill.Trim()) ?? skill.Trim());
        return filter with { RequiredSkills = canonical };
    }
}
