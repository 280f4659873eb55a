using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TalentFlow.Runtime.Storage;

/// <summary>Reads the state of a freshly created grain before it is activated.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>A grain's state bound to one storage provider, serialized as JSON and fenced by its version.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage, JsonSerializerOptions json)
    : IPersistentState<TState>, IStateLoader where TState : class, new()
{
    private readonly JsonTypeInfo<TState> _typeInfo = (JsonTypeInfo<TState>)json.GetTypeInfo(typeof(TState));

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        Version = stored.Version;
        RecordExists = stored.Data is not null;
        State = stored.Data is { } data ? JsonSerializer.Deserialize(data.Span, _typeInfo) ?? new TState() : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, _typeInfo);
        Version = await storage.WriteAsync(grainId, stateName, data, Version, cancellationToken).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Version = await storage.ClearAsync(grainId, stateName, Version, cancellationToken).ConfigureAwait(false);
        RecordExists = false;
        State = new TState();
    }
}
