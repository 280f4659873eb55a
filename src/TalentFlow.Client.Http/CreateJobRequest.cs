namespace TalentFlow.Client.Http;

/// <summary>A job posting to store (<c>POST /api/v1/jobs</c>).</summary>
/// <param name="Title">Job title.</param>
/// <param name="Description">Full description.</param>
/// <param name="RequiredSkills">Skills the employer requires; when null or empty, the skills named in the description.</param>
/// <param name="Location">Where ("City, ST"), optional.</param>
/// <param name="Company">Employer, optional.</param>
/// <param name="Id">The job id to store it under (replacing a posting with that id); null lets the server make one.</param>
/// <param name="BlindScreening">Screen this job blind (<see cref="Contracts.Jobs.JobSettings.BlindScreening"/>); null leaves the setting as it is.</param>
/// <param name="ShortlistThreshold">The job's shortlist threshold on the score, in (0, 1) (<see cref="Contracts.Jobs.JobSettings.ShortlistThreshold"/>); null: the model's calibrated default.</param>
/// <param name="TargetShortlistRate">Instead, the share of screened candidates to shortlist, in (0, 1) (<see cref="Contracts.Jobs.JobSettings.TargetShortlistRate"/>).</param>
public sealed record CreateJobRequest(
    string Title,
    string Description,
    IReadOnlyList<string>? RequiredSkills = null,
    string? Location = null,
    string? Company = null,
    string? Id = null,
    bool? BlindScreening = null,
    double? ShortlistThreshold = null,
    double? TargetShortlistRate = null);
