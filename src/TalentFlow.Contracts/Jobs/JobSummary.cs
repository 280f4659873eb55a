
namespace TalentFlow.Contracts.Jobs;

/// <summary>A job as a list shows it: the parts of its <see cref="JobProfile"/> that are short (the profile has the rest).</summary>
/// <param name="Id">The job id.</param>
/// <param name="Title">Title.</param>
/// <param name="Company">Employer, when given.</param>
/// <param name="Location">Location, when given.</param>
/// <param name="ExperienceLevel">entry, mid, senior, lead or null.</param>
/// <param name="UpdatedAt">When the posting was last stored.</param>
public sealed record JobSummary(string Id, string Title, string? Company, string? Location, string? ExperienceLevel, DateTimeOffset UpdatedAt)
{
    /// <summary>The summary of <paramref name="profile"/>.</summary>
    public static JobSummary Of(JobProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Id, profile.Title, profile.Company, profile.Location, profile.ExperienceLevel, profile.UpdatedAt);
    }
}

/// <summary>One page of <c>GET /api/v1/jobs</c> (<see cref="Paging"/>).</summary>
/// <param name="Items">The jobs, in ordinal id order.</param>
/// <param name="NextCursor">The cursor of the next page; null on the last page.</param>
public sealed record JobPage(IReadOnlyList<JobSummary> Items, string? NextCursor);
