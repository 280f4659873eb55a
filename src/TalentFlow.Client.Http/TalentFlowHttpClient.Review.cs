using System.Globalization;
using System.Net.Http.Json;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Review;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// The next results of a job to review, each with the reason it is next (<c>GET /api/v1/review/queue</c>, reviewer). Results
    /// that have their overlap of reviewers, are adjudicated, or that the reviewer already labelled are left out.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="strategy"><c>uncertainty</c> (closest to the decision threshold), <c>disagreement</c> (models' scores spread most),
    /// <c>diversity</c> (least like anything reviewed) or <c>oldest</c> (waiting longest).</param>
    /// <param name="limit">How many (1–100 by default).</param>
    /// <param name="reviewer">Whose reviews to leave out; null: the caller's key name when it is a reviewer's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">An unknown strategy or a bad limit.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<ReviewQueue> GetReviewQueueAsync(string jobId, string strategy = "uncertainty", int limit = 10, string? reviewer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(strategy);
        string path = string.Create(CultureInfo.InvariantCulture,
            $"api/v1/review/queue?job_id={Uri.EscapeDataString(jobId)}&strategy={Uri.EscapeDataString(strategy)}&limit={limit}");
        if (reviewer is not null) path += "&reviewer=" + Uri.EscapeDataString(reviewer);
        return GetAsync(path, Json.ReviewQueue, cancellationToken);
    }

    /// <summary>A job's review setting: how many reviewers each result needs (<c>GET /api/v1/jobs/{job_id}/review-settings</c>).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<ReviewSettings> GetReviewSettingsAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/review-settings", Json.ReviewSettings, cancellationToken);

    /// <summary>Sets how many reviewers each result of a job needs (<c>PUT /api/v1/jobs/{job_id}/review-settings</c>, recruiter); null: the default.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="overlap">1–<c>Review:MaxOverlap</c> (5 by default), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">The overlap is out of range.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<ReviewSettings> SetReviewOverlapAsync(string jobId, int? overlap, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/jobs/{Segment(jobId, nameof(jobId))}/review-settings",
            JsonContent.Create(new ReviewSettingsBody(overlap), Json.ReviewSettingsBody), Json.ReviewSettings, cancellationToken);

    /// <summary>
    /// Agreement among a job's reviewers (Cohen's κ for two, Krippendorff's α for more) and with the model, and where its results
    /// stand (<c>GET /api/v1/jobs/{job_id}/agreement</c>).
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobAgreement> GetJobAgreementAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/agreement", Json.JobAgreement, cancellationToken);

    /// <summary>A reviewer's agreement with peers and with the model, over all jobs and per job (<c>GET /api/v1/reviewers/{reviewer}/agreement</c>).</summary>
    /// <param name="reviewer">The reviewer's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The reviewer gave no verdict.</exception>
    public Task<ReviewerAgreementReport> GetReviewerAgreementAsync(string reviewer, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/reviewers/{Segment(reviewer, nameof(reviewer))}/agreement", Json.ReviewerAgreementReport, cancellationToken);

    /// <summary>A job's disputed results waiting for an adjudicator, with each reviewer's verdict (<c>GET /api/v1/review/adjudications</c>, adjudicator).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<IReadOnlyList<AdjudicationCase>> GetAdjudicationsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return GetAsync($"api/v1/review/adjudications?job_id={Uri.EscapeDataString(jobId)}", Json.IReadOnlyListAdjudicationCase, cancellationToken);
    }

    /// <summary>
    /// Decides a disputed result (<c>POST /api/v1/review/adjudications/{job_id}/{candidate_id}</c>, adjudicator): the label is what
    /// reaches training.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="candidateId">The candidate.</param>
    /// <param name="label"><c>shortlist</c> or <c>reject</c>.</param>
    /// <param name="reason">Why (required).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">A bad label or an empty reason.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job or result.</exception>
    /// <exception cref="TalentFlowConflictException">The result is not disputed (not yet, or already adjudicated).</exception>
    public Task<AdjudicationCase> AdjudicateAsync(string jobId, string candidateId, string label, string reason, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/review/adjudications/{Segment(jobId, nameof(jobId))}/{Segment(candidateId, nameof(candidateId))}",
            new AdjudicationBody(label, reason), Json.AdjudicationBody, Json.AdjudicationCase, cancellationToken);
}
