using System.Globalization;

namespace TalentFlow.Runtime.Membership;

/// <summary>
/// A silo incarnation: the endpoint it listens on (<c>host:port</c>) and its generation. A restart on the same endpoint is a new
/// generation, so calls and votes meant for the old one are never taken by the new one (Orleans: <c>SiloAddress</c>).
/// </summary>
/// <param name="Endpoint">Host and port of the silo's HTTP/2 endpoint, e.g. <c>127.0.0.1:11111</c>.</param>
/// <param name="Generation">Increases at every start of a silo on that endpoint.</param>
public sealed record SiloAddress(string Endpoint, long Generation) : IComparable<SiloAddress>
{
    /// <summary>Returns <c>endpoint@generation</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Endpoint}@{Generation}");

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    public static SiloAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int at = value.LastIndexOf('@');
        if (at <= 0 || !long.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long generation))
        {
            throw new FormatException($"'{value}' is not a silo address (endpoint@generation).");
        }
        return new SiloAddress(value[..at], generation);
    }

    /// <summary>A stable hash, for rendezvous placement.</summary>
    internal ulong StableHash() => StableHashing.Combine(StableHashing.Hash(Endpoint), (ulong)Generation);

    /// <inheritdoc />
    public int CompareTo(SiloAddress? other)
    {
        if (other is null) return 1;
        int c = string.CompareOrdinal(Endpoint, other.Endpoint);
        return c != 0 ? c : Generation.CompareTo(other.Generation);
    }
}

/// <summary>A silo's life: Joining → Active → ShuttingDown → Dead (Orleans: <c>SiloStatus</c>).</summary>
public enum SiloStatus
{
    /// <summary>No status (not in the table).</summary>
    None = 0,

    /// <summary>Started, not yet taking grain calls.</summary>
    Joining = 1,

    /// <summary>Taking calls; counts for placement.</summary>
    Active = 2,

    /// <summary>Draining: no new activations; in-flight calls finish.</summary>
    ShuttingDown = 3,

    /// <summary>Gone, by its own word or declared by its peers. Never comes back: a restart is a new generation.</summary>
    Dead = 4,
}
