using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Users;

namespace TalentFlow.Grains.Users;

/// <summary>
/// One job seeker, keyed by user id: their profile, their interactions with jobs, and job recommendations ranked against the
/// whole job catalog (every posting stored in a Job grain) minus the jobs they already interacted with.
/// </summary>
[Alias("TalentFlow.Grains.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Stores the profile (replacing any earlier one); acknowledged once durable.</summary>
    /// <exception cref="ArgumentException">An entry is too long, a list too long, or the profile is empty.</exception>
    [Alias("SetProfileAsync")]
    Task<UserProfile> SetProfileAsync(UserProfile profile, CancellationToken cancellationToken = default);

    /// <summary>The profile, or null when none was stored.</summary>
    [ReadOnly]
    [Alias("GetProfileAsync")]
    Task<UserProfile?> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an interaction; idempotent per (job, kind, time): recording the same one again changes nothing and returns false.
    /// The job's title and place are kept with it (they feed the user's side of the ranking).
    /// </summary>
    /// <exception cref="ArgumentException">The interaction is malformed, or the job is not in the catalog.</exception>
    [Alias("RecordInteractionAsync")]
    Task<bool> RecordInteractionAsync(UserInteraction interaction, CancellationToken cancellationToken = default);

    /// <summary>The interactions, newest first (the last 500 kept); empty for an unknown user.</summary>
    [ReadOnly]
    [Alias("GetInteractionsAsync")]
    Task<IReadOnlyList<UserInteraction>> GetInteractionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether this user has a profile or an interaction.</summary>
    [ReadOnly]
    [Alias("ExistsAsync")]
    Task<bool> ExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The best <paramref name="top"/> catalog jobs for this user, best first, never one they already interacted with. A user
    /// with no interactions is ranked from the profile alone (cold start).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The user has neither a profile nor an interaction.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is not in 1–100.</exception>
    [ReadOnly]
    [Alias("RecommendAsync")]
    Task<IReadOnlyList<JobRecommendation>> RecommendAsync(int top, CancellationToken cancellationToken = default);
}
