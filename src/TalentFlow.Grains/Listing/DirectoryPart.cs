
namespace TalentFlow.Grains.Listing;

/// <summary>What one shard of a directory holds after a position, in id order.</summary>
/// <typeparam name="TEntry">The summary type.</typeparam>
/// <param name="Items">At most the asked number of entries.</param>
/// <param name="More">The shard holds more entries after the last of <paramref name="Items"/>.</param>
public sealed record DirectoryPart<TEntry>(IReadOnlyList<TEntry> Items, bool More);
