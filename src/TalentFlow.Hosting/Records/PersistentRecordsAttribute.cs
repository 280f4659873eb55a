namespace TalentFlow.Hosting.Records;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentRecords{TRecord}"/>: Orleans' facet system asks
/// <see cref="PersistentRecordsAttributeMapper"/> for it, and the set is read before the grain activates.
/// </summary>
/// <param name="setName">The set's name within the grain (e.g. <c>results</c>).</param>
/// <param name="storageName">A keyed <see cref="IGrainRecordStorage"/>; null for the default one.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentRecordsAttribute(string setName, string? storageName = null) : Attribute, IFacetMetadata
{
    /// <summary>The set's name within the grain.</summary>
    public string SetName { get; } = string.IsNullOrWhiteSpace(setName) ? throw new ArgumentException("A record set needs a name.", nameof(setName)) : setName;

    /// <summary>The keyed storage's name, or null for the default.</summary>
    public string? StorageName { get; } = storageName;
}
