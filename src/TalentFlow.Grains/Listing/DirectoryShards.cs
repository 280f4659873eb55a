using System.Globalization;

namespace TalentFlow.Grains.Listing;

/// <summary>Which shard of a directory lists an id.</summary>
/// <remarks>
/// A fixed count, not an option: an entry lives in the shard its id hashes to, so a cluster whose data was written with one
/// count would lose its entries under another. Eight spreads the creates of a busy cluster over eight activations (and their
/// silos), while a page costs eight small reads.
/// </remarks>
internal static class DirectoryShards
{
    /// <summary>Shards per directory.</summary>
    public const int Count = 8;

    public static string Key(int shard) => "shard-" + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shard of <paramref name="id"/> among those of <paramref name="kind"/> (<c>job</c>, <c>candidate</c>): the stable hash, the same on every silo and run.</summary>
    public static string KeyOf(string kind, string id) => Key((int)(ShardHash.Of(kind, id) % Count));
}
