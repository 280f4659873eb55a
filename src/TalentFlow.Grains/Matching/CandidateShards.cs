namespace TalentFlow.Grains;

/// <summary>Which shard of the candidate index holds a candidate: a hash stable across processes and runs.</summary>
internal static class CandidateShards
{
    public static string KeyOf(string candidateId, int shardCount) => "shard-" + ShardOf(candidateId, shardCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Key(int shard) => "shard-" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int ShardOf(string candidateId, int shardCount)
    {
        // FNV-1a over UTF-16 code units: string.GetHashCode is randomized per process, so it cannot place data.
        uint hash = 2166136261;
        foreach (char c in candidateId)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)(hash % (uint)shardCount);
    }
}
