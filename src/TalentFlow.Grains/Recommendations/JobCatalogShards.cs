
using TalentFlow.Grains;

namespace TalentFlow.Grains.Recommendations;

/// <summary>Which shard of the job catalog holds a job.</summary>
internal static class JobCatalogShards
{
    public static string Key(int shard) => "catalog-" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stable shard hash, so every silo and every run agrees.</summary>
    public static string KeyOf(string jobId, int shardCount) => Key((int)(ShardHash.Of("job", jobId) % (ulong)shardCount));
}
