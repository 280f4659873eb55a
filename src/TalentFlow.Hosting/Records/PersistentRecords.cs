using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Runtime;

namespace TalentFlow.Hosting.Records;

/// <summary>
/// A grain's record set bound to one storage, each record serialized as JSON and fenced by its own version. Subscribes to the
/// activation's lifecycle at <see cref="GrainLifecycleStage.SetupState"/> so the set is loaded before <c>OnActivateAsync</c>,
/// as Orleans' own persistent state is.
/// </summary>
internal sealed class PersistentRecords<TRecord> : IPersistentRecords<TRecord>, ILifecycleObserver where TRecord : class
{
    private readonly GrainId _grainId;
    private readonly string _setName;
    private readonly IGrainRecordStorage _storage;
    private readonly JsonTypeInfo<TRecord> _typeInfo;
    private readonly Dictionary<string, TRecord> _records = new(StringComparer.Ordinal);

    // Removed records keep their version here: writing the key again must present it.
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    public PersistentRecords(IGrainContext context, string setName, IGrainRecordStorage storage, JsonSerializerOptions json)
    {
        _grainId = context.GrainId;
        _setName = setName;
        _storage = storage;
        json.MakeReadOnly(populateMissingResolver: true);
        _typeInfo = (JsonTypeInfo<TRecord>)json.GetTypeInfo(typeof(TRecord));
        context.ObservableLifecycle.Subscribe("TalentFlow.Records." + setName, GrainLifecycleStage.SetupState, this);
    }

    public IReadOnlyDictionary<string, TRecord> Records => _records;

    public async Task ReadAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _storage.ReadAllAsync(_grainId, _setName, cancellationToken).ConfigureAwait(true);
        _records.Clear();
        _versions.Clear();
        foreach (var row in rows)
        {
            _versions[row.Key] = row.Version;
            if (row.Data is { } data && JsonSerializer.Deserialize(data.Span, _typeInfo) is { } record) _records[row.Key] = record;
        }
    }

    public async Task WriteAsync(string key, TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(record);
        var data = JsonSerializer.SerializeToUtf8Bytes(record, _typeInfo);
        long version = await _storage.WriteAsync(_grainId, _setName, key, data, VersionOf(key), cancellationToken).ConfigureAwait(true);
        _versions[key] = version;
        _records[key] = record;
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_records.ContainsKey(key)) return;
        long version = await _storage.RemoveAsync(_grainId, _setName, key, VersionOf(key), cancellationToken).ConfigureAwait(true);
        _versions[key] = version;
        _records.Remove(key);
    }

    Task ILifecycleObserver.OnStart(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    Task ILifecycleObserver.OnStop(CancellationToken cancellationToken) => Task.CompletedTask;

    private long VersionOf(string key) => _versions.TryGetValue(key, out long version) ? version : 0;
}
