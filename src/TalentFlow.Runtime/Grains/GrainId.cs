using System.Diagnostics.CodeAnalysis;

namespace TalentFlow.Runtime;

/// <summary>The identity of a grain: its durable grain type name and a string key (Orleans: <c>GrainId</c>).</summary>
/// <param name="Type">The grain type name, from <see cref="GrainTypeAttribute"/> or the class name.</param>
/// <param name="Key">The key within that type.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Returns <c>type/key</c>, the form used in storage rows and logs.</summary>
    public override string ToString() => string.Concat(Type, "/", Key);

    /// <summary>Parses the <c>type/key</c> form written by <see cref="ToString"/>.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out GrainId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(value)) return false;
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) return false;
        id = new GrainId(value[..slash], value[(slash + 1)..]);
        return true;
    }

    /// <summary>A stable 64-bit hash of the identity (FNV-1a over UTF-16), the same on every silo and run.</summary>
    public ulong StableHash() => StableHashing.Combine(StableHashing.Hash(Type), StableHashing.Hash(Key));
}
