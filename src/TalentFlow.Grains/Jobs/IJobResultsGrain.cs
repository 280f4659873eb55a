using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// The job's screening results as its review grain (<c>Review/JobReviewGrain</c>) reads them (the job grain, keyed by job id).
/// Every method interleaves with whatever the job is doing: the job calls its review grain (a screening's results listing,
/// a forgotten candidate), so a review grain waiting for the job's turn could wait for ever. They only read memory (the
/// release is one-way and runs in a turn of its own).
/// </summary>
[Alias("TalentFlow.Grains.IJobResultsGrain")]
public interface IJobResultsGrain : IGrainWithStringKey
{
    /// <summary>
    /// What review needs of the job's results (all, or those of <paramref name="candidateIds"/>), by candidate id; null when
    /// the job does not exist.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetReviewSubjectsAsync")]
    Task<IReadOnlyList<ReviewSubject>?> GetReviewSubjectsAsync(IReadOnlyList<string>? candidateIds = null, CancellationToken cancellationToken = default);

    /// <summary>The verdicts, adjudications and overlap that versions before the review grain kept with the job (empty once released).</summary>
    [AlwaysInterleave]
    [Alias("GetReviewHandoverAsync")]
    Task<ReviewHandover> GetReviewHandoverAsync(CancellationToken cancellationToken = default);

    /// <summary>The review grain holds the handover durably: the job drops its copy (one-way: the review grain never waits for the job's turn).</summary>
    [OneWay]
    [Alias("ReleaseReviewHandoverAsync")]
    Task ReleaseReviewHandoverAsync();
}

/// <summary>One screening result as review sees it: enough to queue, explain and label it, without its requirements block or skills.</summary>
/// <param name="Id">The result id (<c>job|candidate</c>).</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="CandidateName">The name reviewers see (a pseudonym in blind screening).</param>
/// <param name="Score">The screening score (a calibrated probability).</param>
/// <param name="Decision">SHORTLIST or REJECT, after any failed knockout.</param>
/// <param name="CreatedAt">When it was screened (a new screening replaces the result).</param>
/// <param name="ShortlistThreshold">The job's threshold it was decided with.</param>
/// <param name="Similarity">The baseline's similarity (an explanation).</param>
/// <param name="SemanticScore">The encoder's cosine (an explanation).</param>
/// <param name="MatchProbability">The custom scorer's probability (an explanation).</param>
public sealed record ReviewSubject(
    string Id, string CandidateId, string CandidateName, double Score, string Decision, DateTimeOffset CreatedAt,
    double? ShortlistThreshold, double? Similarity, double? SemanticScore, double? MatchProbability)
{
    /// <summary>The subject of <paramref name="result"/>.</summary>
    public static ReviewSubject Of(ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Id, result.CandidateId, result.CandidateName, result.Score, result.Decision, result.CreatedAt,
            result.ShortlistThreshold, result.Similarity, result.SemanticScore, result.MatchProbability);
    }
}

/// <summary>What a job kept of its review before the review grain existed.</summary>
/// <param name="Overlap">The job's overlap setting (<c>JobState.ReviewOverlap</c>); null: the default.</param>
/// <param name="Reviews">Each result's verdicts and adjudication, by candidate id.</param>
public sealed record ReviewHandover(int? Overlap, IReadOnlyList<LegacyReview> Reviews)
{
    /// <summary>Nothing to hand over.</summary>
    public bool IsEmpty => Overlap is null && Reviews.Count == 0;
}

/// <summary>One result's review as the job's record held it.</summary>
/// <param name="CandidateId">The record's key.</param>
/// <param name="Verdicts">Every verdict, oldest first.</param>
/// <param name="Adjudication">The adjudicator's decision, if any.</param>
/// <param name="ReviewedScreening">The result's screening time when it was marked human-reviewed; null when it was not.</param>
public sealed record LegacyReview(string CandidateId, IReadOnlyList<FeedbackRecord> Verdicts, Adjudication? Adjudication, DateTimeOffset? ReviewedScreening);
