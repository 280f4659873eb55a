using TalentFlow.Contracts;

namespace TalentFlow.Grains.Listing;

/// <summary>A page of a whole directory from its shards: each answers its first entries after the cursor, the merge keeps the first of all.</summary>
internal static class DirectoryScatter
{
    /// <summary>
    /// The first <paramref name="limit"/> entries after <paramref name="cursor"/> over every shard, in ordinal id order, and the
    /// cursor after the last of them when any shard holds more. Each shard returns its own first <paramref name="limit"/>, so
    /// the first <paramref name="limit"/> of their union are exactly the first of the whole directory.
    /// </summary>
    public static async Task<(IReadOnlyList<TEntry> Items, string? NextCursor)> PageAsync<TEntry>(
        int limit, string? cursor, Func<TEntry, string> idOf, Func<int, string?, int, Task<DirectoryPart<TEntry>>> shard)
    {
        Paging.CheckLimit(limit);
        string? afterId = Paging.AfterIdOf(cursor);
        var calls = new Task<DirectoryPart<TEntry>>[DirectoryShards.Count];
        for (int i = 0; i < calls.Length; i++) calls[i] = shard(i, afterId, limit);
        var parts = await Task.WhenAll(calls).ConfigureAwait(true);

        var merged = new List<TEntry>(limit);
        bool more = false;
        foreach (var part in parts)
        {
            merged.AddRange(part.Items);
            more |= part.More;
        }
        merged.Sort((a, b) => string.CompareOrdinal(idOf(a), idOf(b)));
        if (merged.Count > limit)
        {
            merged.RemoveRange(limit, merged.Count - limit);
            more = true;
        }
        return (merged, more && merged.Count > 0 ? Paging.CursorAfter(idOf(merged[^1])) : null);
    }
}
