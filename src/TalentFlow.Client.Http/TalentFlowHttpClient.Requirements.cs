using System.Net.Http.Json;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>A job's requirements: proposed from the posting until a recruiter sets them (<c>GET /api/v1/jobs/{id}/requirements</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobRequirements> GetRequirementsAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/requirements", Json.JobRequirements, cancellationToken);

    /// <summary>Replaces a job's requirements (<c>PUT /api/v1/jobs/{id}/requirements</c>, recruiter) and returns them as stored.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="requirements">The new list: kind (<c>must_have</c>, <c>nice_to_have</c>, <c>knockout</c>), text, optional weight in (0, 1] and id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">An unknown kind, an empty text, a weight out of range, a repeated id, or over 50 items.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobRequirements> SetRequirementsAsync(string jobId, IReadOnlyList<JobRequirementInput> requirements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return SendAsync(HttpMethod.Put, $"api/v1/jobs/{Segment(jobId, nameof(jobId))}/requirements",
            JsonContent.Create(new SetJobRequirementsRequest(requirements), Json.SetJobRequirementsRequest), Json.JobRequirements, cancellationToken);
    }

    /// <summary>How a job is screened (<c>GET /api/v1/jobs/{id}/settings</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobSettings> GetJobSettingsAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/jobs/{Segment(jobId, nameof(jobId))}/settings", Json.JobSettings, cancellationToken);

    /// <summary>Changes how a job is screened, e.g. blind (<c>PUT /api/v1/jobs/{id}/settings</c>, recruiter).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<JobSettings> SetJobSettingsAsync(string jobId, JobSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SendAsync(HttpMethod.Put, $"api/v1/jobs/{Segment(jobId, nameof(jobId))}/settings",
            JsonContent.Create(settings, Json.JobSettings), Json.JobSettings, cancellationToken);
    }
}
