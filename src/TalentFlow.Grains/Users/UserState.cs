using TalentFlow.Contracts.Users;

namespace TalentFlow.Grains.Users;

/// <summary>What a user grain persists: the profile and the interactions with what the catalog said of each job then.</summary>
public sealed class UserState
{
    /// <summary>The profile; null until set.</summary>
    public UserProfile? Profile { get; set; }

    /// <summary>Interactions, oldest first, at most <see cref="HistoryLimit"/>.</summary>
    public List<StoredInteraction> Interactions { get; set; } = [];

    /// <summary>How many interactions are kept.</summary>
    public const int HistoryLimit = 500;
}

/// <summary>An interaction and the job's title and place when it happened (they feed the user's side of the ranking).</summary>
/// <param name="Interaction">The interaction.</param>
/// <param name="Title">The job's title.</param>
/// <param name="City">The job's city.</param>
/// <param name="State">The job's state.</param>
/// <param name="Company">The job's company (null in interactions recorded before it was kept).</param>
public sealed record StoredInteraction(UserInteraction Interaction, string Title, string City, string State, string? Company = null);
