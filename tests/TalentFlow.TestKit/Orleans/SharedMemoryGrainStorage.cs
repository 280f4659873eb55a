using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace TalentFlow.TestKit;

/// <summary>
/// The grain storage of one <see cref="TestCluster"/>: one store in this process that every silo of the cluster reads and
/// writes, as a database would be, so a grain that moves after a silo stops or dies finds its state. (Orleans' memory
/// storage keeps state in grains spread over the silos, so it goes with them.) Writes are fenced by ETag like a real store's;
/// state goes through the silo's storage serializer (System.Text.Json), so what a grain reads is what a database would return.
/// The PostgreSQL variants of the failure tests run the real ADO.NET provider.
/// </summary>
internal sealed class SharedMemoryGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (string ETag, BinaryData Data)> _rows = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Data);
            (grainState.ETag, grainState.RecordExists) = (row.ETag, true);
        }
        else
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var next = (Guid.NewGuid().ToString("N"), serializer.Serialize(grainState.State));
        lock (_rows)
        {
            string? current = _rows.TryGetValue(key, out var row) ? row.ETag : null;
            if (current != grainState.ETag) throw new InconsistentStateException($"ETag mismatch on {stateName} of {grainId}.", current ?? "", grainState.ETag ?? "");
            _rows[key] = next;
        }
        (grainState.ETag, grainState.RecordExists) = (next.Item1, true);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_rows)
        {
            string? current = _rows.TryGetValue((stateName, grainId), out var row) ? row.ETag : null;
            if (current != grainState.ETag) throw new InconsistentStateException($"ETag mismatch on {stateName} of {grainId}.", current ?? "", grainState.ETag ?? "");
            _rows.TryRemove((stateName, grainId), out _);
        }
        (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
        return Task.CompletedTask;
    }
}
