
namespace TalentFlow.Contracts.Jobs;

/// <summary>What the system understood of a posting.</summary>
/// <param name="Id">The job id (the grain key).</param>
/// <param name="Title">Title.</param>
/// <param name="RequiredSkills">Canonical required skills.</param>
/// <param name="PreferredSkills">Canonical nice-to-have skills.</param>
/// <param name="ExperienceLevel">entry, mid, senior, lead or null.</param>
/// <param name="MinimumYears">Years of experience asked for, when stated.</param>
/// <param name="EducationRequirement">The degree asked for, when stated.</param>
/// <param name="Location">Location, when given.</param>
/// <param name="Company">Employer, when given.</param>
/// <param name="UpdatedAt">When the posting was last stored.</param>
public sealed record JobProfile(
    string Id,
    string Title,
    IReadOnlyList<string> RequiredSkills,
    IReadOnlyList<string> PreferredSkills,
    string? ExperienceLevel,
    double? MinimumYears,
    string? EducationRequirement,
    string? Location,
    string? Company,
    DateTimeOffset UpdatedAt);
