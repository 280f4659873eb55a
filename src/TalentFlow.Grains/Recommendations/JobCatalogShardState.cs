
namespace TalentFlow.Grains.Recommendations;

/// <summary>What a catalog shard persists: the entries (the job-side vectors are derived from them on activation).</summary>
public sealed class JobCatalogShardState
{
    /// <summary>Job id → entry.</summary>
    public Dictionary<string, JobCatalogEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
