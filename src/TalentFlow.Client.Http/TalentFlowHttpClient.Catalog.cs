using System.Globalization;
using System.Text;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    private static TalentFlowJsonContext Json => TalentFlowJsonContext.Default;

    /// <summary>Stores a job posting (<c>POST /api/v1/jobs</c>, recruiter) and returns what the system understood of it.</summary>
    /// <param name="job">The posting; <see cref="CreateJobRequest.Id"/> null lets the server choose the id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">The title or description is empty or too long, or the id is malformed.</exception>
    public Task<JobProfile> CreateJobAsync(CreateJobRequest job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return PostAsync("api/v1/jobs", job, Json.CreateJobRequest, Json.JobProfile, cancellationToken);
    }

    /// <summary>Reads a job's profile (<c>GET /api/v1/jobs/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobProfile> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}", Json.JobProfile, cancellationToken);

    /// <summary>Stores a candidate's resume text (<c>POST /api/v1/candidates</c>, recruiter) and returns the parsed profile.</summary>
    /// <param name="candidate">Name and resume text; <see cref="CreateCandidateRequest.Id"/> null lets the server choose the id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">The text is empty or too long, or the id is malformed.</exception>
    public Task<CandidateProfile> CreateCandidateAsync(CreateCandidateRequest candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return PostAsync("api/v1/candidates", candidate, Json.CreateCandidateRequest, Json.CandidateProfile, cancellationToken);
    }

    /// <summary>Reads a candidate's parsed profile (<c>GET /api/v1/candidates/{id}</c>).</summary>
    /// <param name="candidateId">The candidate id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such candidate.</exception>
    public Task<CandidateProfile> GetCandidateAsync(string candidateId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/candidates/{Segment(candidateId, nameof(candidateId))}", Json.CandidateProfile, cancellationToken);

    /// <summary>A candidate's screenings and reviews, newest first (<c>GET /api/v1/candidates/{id}/history</c>).</summary>
    /// <param name="candidateId">The candidate id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such candidate.</exception>
    public Task<IReadOnlyList<CandidateInteraction>> GetCandidateHistoryAsync(string candidateId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/candidates/{Segment(candidateId, nameof(candidateId))}/history", Json.IReadOnlyListCandidateInteraction, cancellationToken);

    /// <summary>
    /// Deletes a candidate's personal data — resume, profile, embeddings, every job's screening results and verdicts about it
    /// (<c>DELETE /api/v1/candidates/{id}</c>, recruiter).
    /// </summary>
    /// <param name="candidateId">The candidate id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such candidate (also when a retried delete already removed it).</exception>
    public Task DeleteCandidateAsync(string candidateId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/candidates/{Segment(candidateId, nameof(candidateId))}", null, null, static (_, _) => Task.FromResult(true), cancellationToken);

    /// <summary>Scores a candidate against a job, with the explanation (<c>GET /api/v1/jobs/{job}/candidates/{candidate}/score</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="candidateId">The candidate id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The job or the candidate does not exist.</exception>
    public Task<CandidateMatch> ScoreCandidateAsync(string jobId, string candidateId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/candidates/{Segment(candidateId, nameof(candidateId))}/score", Json.CandidateMatch, cancellationToken);

    /// <summary>
    /// The same score from the candidate's side (<c>GET /api/v1/candidates/{candidate}/jobs/{job}/score</c>): the job's features
    /// travel to the candidate's grain.
    /// </summary>
    /// <param name="candidateId">The candidate id.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The job or the candidate does not exist.</exception>
    public Task<CandidateMatch> ScoreJobForCandidateAsync(string candidateId, string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/candidates/{Segment(candidateId, nameof(candidateId))}/jobs/{Segment(jobId, nameof(jobId))}/score", Json.CandidateMatch, cancellationToken);

    /// <summary>
    /// The <paramref name="top"/> candidates closest to a job by embedding, best first, among those that pass
    /// <paramref name="filter"/> (<c>GET /api/v1/jobs/{job}/candidates?top=&amp;skills=&amp;min_years=&amp;min_score=</c>). Filters
    /// apply inside every shard, so the top N is exact.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="top">How many, 1–1000. Default 10.</param>
    /// <param name="filter">Required skills (all of them), least years of experience, least similarity; null: none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException"><paramref name="top"/> or a filter bound is out of range.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<IReadOnlyList<RankedCandidate>> RankCandidatesAsync(string jobId, int top = 10, CandidateFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var path = new StringBuilder($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/candidates?top=");
        path.Append(top.ToString(CultureInfo.InvariantCulture));
        if (filter?.RequiredSkills is { Count: > 0 } skills) path.Append("&skills=").Append(string.Join(',', skills.Select(Uri.EscapeDataString)));
        if (filter?.MinYearsExperience is { } years) path.Append("&min_years=").Append(years.ToString("R", CultureInfo.InvariantCulture));
        if (filter?.MinScore is { } score) path.Append("&min_score=").Append(score.ToString("R", CultureInfo.InvariantCulture));
        return GetAsync(path.ToString(), Json.IReadOnlyListRankedCandidate, cancellationToken);
    }
}
