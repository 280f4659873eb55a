namespace TalentFlow.ML.Review;

/// <summary>Where a result stands once reviewers have labelled it.</summary>
public enum ConsensusStatus
{
    /// <summary>No verdict yet.</summary>
    Unreviewed,

    /// <summary>Fewer reviewers than the overlap asks for: no label reaches training yet.</summary>
    Pending,

    /// <summary>At least the overlap's reviewers, all alike: their label reaches training.</summary>
    Uncontested,

    /// <summary>At least the overlap's reviewers and they disagree: waits for an adjudicator; nothing reaches training.</summary>
    Disputed,

    /// <summary>An adjudicator decided: the adjudicated label reaches training, whatever the reviewers said.</summary>
    Adjudicated,
}

/// <summary>
/// The rule that decides which label, if any, reaches training. Each reviewer counts once (their latest verdict). A result
/// with <c>overlap</c> or more reviewers is uncontested when they all agree and disputed when any two differ; with fewer it is
/// pending, even when the reviewers so far agree (with an overlap of 1, one verdict is already enough, so nothing is pending).
/// An adjudication settles a result in every case.
/// </summary>
public static class ReviewConsensus
{
    /// <summary>The status and, when one reaches training, the label.</summary>
    /// <param name="labels">Each reviewer's latest label (one per reviewer).</param>
    /// <param name="overlap">How many reviewers a result needs (at least 1).</param>
    /// <param name="adjudicated">The adjudicator's label, when there is one.</param>
    public static (ConsensusStatus Status, bool? Label) Resolve(IReadOnlyCollection<bool> labels, int overlap, bool? adjudicated = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (overlap < 1) throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "overlap must be at least 1.");
        if (adjudicated is { } decided) return (ConsensusStatus.Adjudicated, decided);
        if (labels.Count == 0) return (ConsensusStatus.Unreviewed, null);
        if (labels.Count < overlap) return (ConsensusStatus.Pending, null);
        bool first = labels.First();
        return labels.All(l => l == first) ? (ConsensusStatus.Uncontested, first) : (ConsensusStatus.Disputed, null);
    }
}
