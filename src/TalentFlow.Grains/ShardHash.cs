
namespace TalentFlow.Grains;

/// <summary>
/// The hash that assigns candidates and catalog jobs to shards: the same on every machine, process and run
/// (<see cref="string.GetHashCode()"/> is randomised per process, Orleans' grain id hash is not ours to keep stable). It is
/// the home-made runtime's grain hash, kept bit for bit, so that shards persisted before the move to Orleans keep their members.
/// </summary>
internal static class ShardHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The hash of a grain type name and key (e.g. <c>candidate</c>, the candidate id).</summary>
    public static ulong Of(string grainType, string key) => Combine(Hash(grainType), Hash(key));

    private static ulong Hash(ReadOnlySpan<char> value)
    {
        ulong hash = FnvOffset;
        foreach (char c in value)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }
        return Mix(hash);
    }

    private static ulong Combine(ulong a, ulong b) => Mix(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    // SplitMix64's finaliser: spreads FNV's weak low bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
