namespace TalentFlow.Hosting.Records;

/// <summary>
/// A grain's durable keyed records, injected into its constructor as a parameter of this type marked with
/// <see cref="PersistentRecordsAttribute"/> (the attribute names the set) and read at <c>GrainLifecycleStage.SetupState</c>,
/// before <c>OnActivateAsync</c>. Each record is written on its own, fenced by its own version, so a write costs one record
/// however many the grain holds: use it for the parts of a state that grow (results, history) and
/// <c>IPersistentState&lt;T&gt;</c> for the rest.
/// </summary>
/// <typeparam name="TRecord">A class System.Text.Json can serialize with the configured <see cref="GrainRecordsOptions"/>.</typeparam>
public interface IPersistentRecords<TRecord> where TRecord : class
{
    /// <summary>The stored records by key (removed ones are absent).</summary>
    IReadOnlyDictionary<string, TRecord> Records { get; }

    /// <summary>Reads the set again from storage.</summary>
    Task ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one record and keeps it in <see cref="Records"/>; throws <see cref="Orleans.Storage.InconsistentStateException"/>
    /// when another writer got there first (then <see cref="Records"/> is unchanged).
    /// </summary>
    Task WriteAsync(string key, TRecord record, CancellationToken cancellationToken = default);

    /// <summary>Removes one record (nothing to do when absent); throws like <see cref="WriteAsync"/>.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}
