
namespace TalentFlow.Contracts.Jobs;

/// <summary>A job posting as it arrives.</summary>
/// <param name="Title">Job title.</param>
/// <param name="Description">Full description.</param>
/// <param name="RequiredSkills">Skills the employer requires; when empty, the skills named in the description.</param>
/// <param name="Location">Where ("City, ST"), optional.</param>
/// <param name="Company">Employer, optional.</param>
public sealed record JobPosting(
    string Title,
    string Description,
    IReadOnlyList<string>? RequiredSkills = null,
    string? Location = null,
    string? Company = null);
