using System.Text.Json.Serialization;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Review;

/// <summary>What a job-review grain keeps in its state row: the job's overlap, and whether the job's older review data moved here.</summary>
public sealed class JobReviewState
{
    /// <summary>How many reviewers each result needs; null: <see cref="ReviewOptions.DefaultOverlap"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Overlap { get; set; }

    /// <summary>The verdicts, adjudications and overlap the job grain held before this grain existed were moved here (once).</summary>
    public bool HandoverDone { get; set; }
}

/// <summary>
/// The review of one result (keyed by candidate id, record set <c>verdicts</c>): every verdict, oldest first (replaced verdicts
/// stay: the audit trail), the adjudication once reviewers disputed it, and which screening the latest verdict judged.
/// </summary>
/// <param name="Verdicts">The verdicts, oldest first.</param>
/// <param name="Adjudication">The adjudicator's decision.</param>
/// <param name="ReviewedScreening">The <c>CreatedAt</c> of the screening the latest verdict was given on (null: none since a migration that had no flag).</param>
public sealed record ReviewRecord(IReadOnlyList<FeedbackRecord> Verdicts, Adjudication? Adjudication = null, DateTimeOffset? ReviewedScreening = null)
{
    /// <summary>A result nobody reviewed.</summary>
    public static ReviewRecord Empty { get; } = new([]);
}
