
namespace TalentFlow.Grains.Matching;

/// <summary>What a shard persists: each candidate's embeddings by encoder version, and the facts filters read.</summary>
public sealed class CandidateShardState
{
    /// <summary>Candidate id → entry.</summary>
    public Dictionary<string, ShardEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One candidate in a shard.</summary>
public sealed class ShardEntry
{
    /// <summary>Identifies the resume text the embeddings were made from.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>Canonical skills, lower case.</summary>
    public string[] Skills { get; set; } = [];

    /// <summary>Total years of experience.</summary>
    public double YearsExperience { get; set; }

    /// <summary>Encoder version → unit-length embedding (usually one; two while an encoder swap is re-embedding).</summary>
    public Dictionary<string, float[]> Embeddings { get; set; } = new(StringComparer.Ordinal);
}
