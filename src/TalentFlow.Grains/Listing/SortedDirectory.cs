using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Listing;

/// <summary>
/// A directory shard's entries: one durable record per id (a create writes one row, never the shard's whole list), and in
/// memory the ids in ordinal order, so a page is a binary search and a slice.
/// </summary>
/// <typeparam name="TEntry">The summary type (a record: an unchanged summary is equal and not written again).</typeparam>
internal sealed class SortedDirectory<TEntry>(IPersistentRecords<TEntry> records, Func<TEntry, string> idOf) where TEntry : class
{
    private readonly List<string> _ids = [];

    /// <summary>Orders the ids of the records as loaded (they are read before the grain activates).</summary>
    public void Load()
    {
        _ids.Clear();
        _ids.AddRange(records.Records.Keys);
        _ids.Sort(StringComparer.Ordinal);
    }

    public async Task UpsertAsync(TEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string id = idOf(entry);
        ArgumentException.ThrowIfNullOrEmpty(id);
        // A re-registration that changes nothing (an activation healing a lost one) costs no write.
        if (records.Records.TryGetValue(id, out var stored) && stored.Equals(entry)) return;
        await records.WriteAsync(id, entry, cancellationToken).ConfigureAwait(true);
        int at = _ids.BinarySearch(id, StringComparer.Ordinal);
        if (at < 0) _ids.Insert(~at, id);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!records.Records.ContainsKey(id)) return false;
        await records.RemoveAsync(id, cancellationToken).ConfigureAwait(true);
        int at = _ids.BinarySearch(id, StringComparer.Ordinal);
        if (at >= 0) _ids.RemoveAt(at);
        return true;
    }

    /// <summary>At most <paramref name="limit"/> entries with an id ordinally after <paramref name="afterId"/> (all when null).</summary>
    public DirectoryPart<TEntry> After(string? afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        int start = 0;
        if (afterId is not null)
        {
            int at = _ids.BinarySearch(afterId, StringComparer.Ordinal);
            start = at >= 0 ? at + 1 : ~at;
        }
        int end = (int)Math.Min(_ids.Count, (long)start + limit);
        var items = new TEntry[end - start];
        for (int i = start; i < end; i++) items[i - start] = records.Records[_ids[i]];
        return new DirectoryPart<TEntry>(items, end < _ids.Count);
    }

    public int Count => _ids.Count;
}
