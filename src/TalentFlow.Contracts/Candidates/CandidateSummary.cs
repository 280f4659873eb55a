
namespace TalentFlow.Contracts.Candidates;

/// <summary>A candidate as a list shows it: the parts of its <see cref="CandidateProfile"/> that are short (the profile has the rest).</summary>
/// <param name="Id">The candidate id.</param>
/// <param name="Name">Display name.</param>
/// <param name="TotalYearsExperience">Years of work experience, overlapping jobs counted once.</param>
/// <param name="UpdatedAt">When the resume was last stored.</param>
public sealed record CandidateSummary(string Id, string Name, double TotalYearsExperience, DateTimeOffset UpdatedAt)
{
    /// <summary>The summary of <paramref name="profile"/>.</summary>
    public static CandidateSummary Of(CandidateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Id, profile.Name, profile.TotalYearsExperience, profile.UpdatedAt);
    }
}

/// <summary>One page of <c>GET /api/v1/candidates</c> (<see cref="Paging"/>).</summary>
/// <param name="Items">The candidates, in ordinal id order.</param>
/// <param name="NextCursor">The cursor of the next page; null on the last page.</param>
public sealed record CandidatePage(IReadOnlyList<CandidateSummary> Items, string? NextCursor);
