using System.Text.Json.Serialization;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Review;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// What a job grain persists in its state row: the posting as given (the source of truth), its profile, requirements and
/// settings. Its screening results are records of their own (<see cref="ScreeningRecord"/>), so a screening writes one
/// result, not the job's whole history; the verdicts on them belong to the job's <see cref="JobReviewGrain"/>.
/// </summary>
public sealed class JobState
{
    /// <summary>The posting, with its description normalised; null until stored.</summary>
    public JobPosting? Posting { get; set; }

    /// <summary>The parsed profile.</summary>
    public JobProfile? Profile { get; set; }

    /// <summary>The requirements (proposed from the posting, or as a recruiter set them); null before issue 9.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<JobRequirement>? Requirements { get; set; }

    /// <summary>A recruiter set <see cref="Requirements"/>: storing the posting again keeps them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RequirementsEdited { get; set; }

    /// <summary>Screening settings; null: the defaults (not blind).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JobSettings? Settings { get; set; }

    /// <summary>
    /// Screening results by candidate id, as states written before results became records held them; read once on activation
    /// to move them into records, then null (and no longer written).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, ScreeningResult>? Results { get; set; }

    /// <summary>Every verdict, oldest first, as states written before results became records held them; migrated like <see cref="Results"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<FeedbackRecord>? FeedbackHistory { get; set; }

    /// <summary>
    /// The job's review overlap as versions before <see cref="JobReviewGrain"/> kept it here; handed over to that grain once
    /// (<see cref="IJobResultsGrain.GetReviewHandoverAsync"/>), then null and no longer written.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReviewOverlap { get; set; }
}

/// <summary>One screening result of a job: one durable record per candidate.</summary>
/// <param name="Result">The latest screening of the candidate against the job; null only for verdicts migrated without their result.</param>
/// <param name="Verdicts">
/// The verdicts on this result as versions before <see cref="JobReviewGrain"/> kept them here (oldest first); handed over to
/// that grain once, then null (not written).
/// </param>
/// <param name="Adjudication">An adjudicator's decision, as versions before the review grain kept it here; handed over like <paramref name="Verdicts"/>.</param>
public sealed record ScreeningRecord(
    ScreeningResult? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FeedbackRecord>? Verdicts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Adjudication? Adjudication = null);
