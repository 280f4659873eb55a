using System.Globalization;
using Orleans.Storage;

namespace TalentFlow.Hosting.Records;

/// <summary>Builds the conflict every record storage throws, so both providers word it (and carry the versions) alike.</summary>
internal static class RecordConflict
{
    /// <summary>
    /// Orleans' own <see cref="InconsistentStateException"/>: a grain that lets it escape is deactivated by Orleans, as for a
    /// stale <c>IPersistentState</c>. <c>StoredEtag</c> and <c>CurrentEtag</c> hold the stored and the presented versions.
    /// </summary>
    public static InconsistentStateException Create(GrainId grainId, string setName, string key, long expected, long stored) =>
        new($"The record '{setName}/{key}' of {grainId} was written by another writer: version {expected} presented, {stored} stored.",
            stored.ToString(CultureInfo.InvariantCulture), expected.ToString(CultureInfo.InvariantCulture));
}
