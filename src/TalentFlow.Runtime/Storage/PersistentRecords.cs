using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TalentFlow.Runtime.Storage;

/// <summary>A grain's record set bound to one storage provider, each record serialized as JSON and fenced by its own version.</summary>
internal sealed class PersistentRecords<TRecord>(GrainId grainId, string setName, IGrainRecordStorage storage, JsonSerializerOptions json)
    : IPersistentRecords<TRecord>, IStateLoader where TRecord : class
{
    private readonly JsonTypeInfo<TRecord> _typeInfo = (JsonTypeInfo<TRecord>)json.GetTypeInfo(typeof(TRecord));
    private readonly Dictionary<string, TRecord> _records = new(StringComparer.Ordinal);

    // Removed records keep their version here: writing the key again must present it.
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TRecord> Records => _records;

    public async Task ReadAsync(CancellationToken cancellationToken = default)
    {
        var rows = await storage.ReadAllAsync(grainId, setName, cancellationToken).ConfigureAwait(false);
        _records.Clear();
        _versions.Clear();
        foreach (var row in rows)
        {
            _versions[row.Key] = row.Version;
            if (row.Data is { } data && JsonSerializer.Deserialize(data.Span, _typeInfo) is { } record) _records[row.Key] = record;
        }
    }

    Task IStateLoader.ReadStateAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    public async Task WriteAsync(string key, TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(record);
        var data = JsonSerializer.SerializeToUtf8Bytes(record, _typeInfo);
        long version = await storage.WriteAsync(grainId, setName, key, data, VersionOf(key), cancellationToken).ConfigureAwait(false);
        _versions[key] = version;
        _records[key] = record;
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_records.ContainsKey(key)) return;
        long version = await storage.RemoveAsync(grainId, setName, key, VersionOf(key), cancellationToken).ConfigureAwait(false);
        _versions[key] = version;
        _records.Remove(key);
    }

    private long VersionOf(string key) => _versions.TryGetValue(key, out long version) ? version : 0;
}
