using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// The candidate-grouped split every training uses: five folds by a stable hash of the candidate id, fold 0 held out, so no
/// resume is on both sides of an evaluation and a rerun splits the same way.
/// </summary>
internal static class CandidateFolds
{
    /// <summary>How many folds.</summary>
    public const int Count = 5;

    /// <summary>The fold of <paramref name="candidateId"/>, in [0, <see cref="Count"/>).</summary>
    public static int Of(string candidateId) => CandidateShards.ShardOf(candidateId, Count);

    /// <summary>Whether <paramref name="candidateId"/>'s verdicts are held out (fold 0).</summary>
    public static bool IsHeldOut(string candidateId) => Of(candidateId) == 0;
}
