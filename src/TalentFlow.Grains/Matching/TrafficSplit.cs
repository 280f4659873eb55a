using System.Text;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// An A/B test as a silo serves it: the model kind and challenger version under test, the challenger's share of the
/// candidates, and the models that arm scores with.
/// </summary>
/// <param name="Model">The model kind under test.</param>
/// <param name="Version">The challenger version.</param>
/// <param name="Share">The share of candidates (0–1) the challenger scores.</param>
/// <param name="Challenger">The challenger arm's models.</param>
public sealed record ServedAbTest(string Model, string Version, double Share, ScoringArm Challenger);

/// <summary>
/// Which arm of an A/B test a candidate is in: a stable hash of the test (model, challenger version) and the candidate id,
/// mapped to [0, 1); below the share is the challenger. The same on every silo, every call and every restart (FNV-1a 64 of
/// the UTF-8 bytes, mixed by the murmur3 finaliser, never <see cref="string.GetHashCode()"/>); a new test reshuffles the arms.
/// </summary>
public static class TrafficSplit
{
    /// <summary>The candidate's point in [0, 1) for the test of <paramref name="model"/> version <paramref name="version"/>.</summary>
    public static double Bucket(string model, string version, string candidateId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(candidateId);
        ulong hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in (string[])[model, "\n", version, "\n", candidateId])
        {
            int length = Encoding.UTF8.GetMaxByteCount(part.Length) <= buffer.Length ? Encoding.UTF8.GetBytes(part, buffer) : -1;
            ReadOnlySpan<byte> bytes = length >= 0 ? buffer[..length] : Encoding.UTF8.GetBytes(part);
            foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211UL;
        }
        // FNV's high bits mix poorly for ids that differ in their last characters; the finaliser spreads every bit.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Whether <paramref name="candidateId"/> is in the challenger arm of a test that gives it <paramref name="share"/>.</summary>
    public static bool IsChallenger(string model, string version, string candidateId, double share) =>
        share > 0 && Bucket(model, version, candidateId) < share;
}
