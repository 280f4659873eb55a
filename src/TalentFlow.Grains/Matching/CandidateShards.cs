
using TalentFlow.Grains;

namespace TalentFlow.Grains.Matching;

/// <summary>Which shard of the candidate index holds a candidate.</summary>
internal static class CandidateShards
{
    public static string KeyOf(string candidateId, int shardCount) => Key(ShardOf(candidateId, shardCount));

    public static string Key(int shard) => "shard-" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stable shard hash, so shards agree across processes and runs.</summary>
    public static int ShardOf(string candidateId, int shardCount) =>
        (int)(ShardHash.Of("candidate", candidateId) % (ulong)shardCount);
}
