
namespace TalentFlow.Grains.Matching;

/// <summary>The current item of a kind plus the last few published, found by version; publishing is atomic.</summary>
internal sealed class RetainedVersions<T>(int capacity, Func<T, string> versionOf) where T : class
{
    private readonly List<T> _items = [];
    private volatile T? _current;

    public T? Current => _current;

    /// <summary>Makes <paramref name="item"/> current; returns the items no longer retained (another instance of its version, the oldest over capacity).</summary>
    public IReadOnlyList<T> Publish(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string version = versionOf(item);
        var evicted = new List<T>();
        lock (_items)
        {
            evicted.AddRange(_items.Where(i => versionOf(i) == version && !ReferenceEquals(i, item)));
            _items.RemoveAll(i => versionOf(i) == version);
            _items.Add(item);
            if (_items.Count > capacity)
            {
                evicted.Add(_items[0]);
                _items.RemoveAt(0);
            }
            _current = item;
        }
        return evicted;
    }

    /// <summary>Whether this very instance is retained.</summary>
    public bool Holds(T item)
    {
        lock (_items) return _items.Exists(i => ReferenceEquals(i, item));
    }

    /// <summary>
    /// Keeps <paramref name="item"/> retrievable without making it current (a version a peer silo already scores with);
    /// when over capacity the oldest item that is not current goes (returned).
    /// </summary>
    public IReadOnlyList<T> Retain(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string version = versionOf(item);
        lock (_items)
        {
            if (_items.Exists(i => versionOf(i) == version)) return [];
            _items.Add(item);
            if (_items.Count > capacity)
            {
                int oldest = _items.FindIndex(i => !ReferenceEquals(i, _current) && !ReferenceEquals(i, item));
                if (oldest >= 0)
                {
                    var evicted = _items[oldest];
                    _items.RemoveAt(oldest);
                    return [evicted];
                }
            }
        }
        return [];
    }

    /// <summary>The retained items, newest published first.</summary>
    public IReadOnlyList<T> NewestFirst()
    {
        lock (_items)
        {
            var result = new List<T>(_items);
            result.Reverse();
            return result;
        }
    }

    public bool TryGet(string version, out T item)
    {
        if (_current is { } current && versionOf(current) == version)
        {
            item = current;
            return true;
        }
        lock (_items)
        {
            item = _items.Find(i => versionOf(i) == version)!;
            return item is not null;
        }
    }
}
