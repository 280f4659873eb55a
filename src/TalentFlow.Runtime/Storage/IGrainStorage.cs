namespace TalentFlow.Runtime.Storage;

/// <summary>A stored grain state: its serialized bytes (null once cleared) and its version (the integer ETag).</summary>
/// <param name="Data">UTF-8 JSON of the state; null when the state was cleared.</param>
/// <param name="Version">The version written last; 0 means no row exists.</param>
public sealed record StoredGrainState(ReadOnlyMemory<byte>? Data, long Version);

/// <summary>
/// Durable grain state, one row per (grain id, state name), written only when the caller's version matches
/// (Orleans: <c>IGrainStorage</c>). Providers: in-memory (embedded) and PostgreSQL.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a state; a missing row reads as <c>(null, 0)</c>.</summary>
    ValueTask<StoredGrainState> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="data"/> when the stored version equals <paramref name="expectedVersion"/> (0: no row yet) and
    /// returns the new version. Throws <see cref="InconsistentStateException"/> when another writer got there first.
    /// </summary>
    ValueTask<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the state under the same condition, keeping the row so versions never go back (a stale writer cannot
    /// resurrect it), and returns the new version.
    /// </summary>
    ValueTask<long> ClearAsync(GrainId grainId, string stateName, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>The stored version of a grain state is not the one the writer read: someone else wrote it (a duplicate activation).</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message) : base(message) { }

    /// <summary>Creates the exception for a state whose version moved on.</summary>
    public InconsistentStateException(GrainId grainId, string stateName, long expectedVersion, long? storedVersion)
        : base($"Grain state '{stateName}' of {grainId} was written by someone else: expected version {expectedVersion}, " +
               $"stored version {(storedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown")}.")
    {
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    /// <summary>The version the writer read.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version found in storage, when the provider knows it.</summary>
    public long? StoredVersion { get; }
}
