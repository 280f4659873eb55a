
namespace TalentFlow.Contracts.Users;

/// <summary>Something a job seeker did with a job.</summary>
/// <param name="JobId">The job (a posting stored in a Job grain).</param>
/// <param name="Kind"><see cref="Viewed"/>, <see cref="Clicked"/>, <see cref="Saved"/> or <see cref="Applied"/>.</param>
/// <param name="At">When.</param>
public sealed record UserInteraction(string JobId, string Kind, DateTimeOffset At)
{
    /// <summary>The job was shown in full.</summary>
    public const string Viewed = "viewed";

    /// <summary>The job was clicked in a list.</summary>
    public const string Clicked = "clicked";

    /// <summary>The job was saved for later.</summary>
    public const string Saved = "saved";

    /// <summary>The user applied.</summary>
    public const string Applied = "applied";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Viewed, Clicked, Saved, Applied];

    /// <summary>Throws <see cref="ArgumentException"/> when the job id is empty or the kind unknown.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(JobId)) throw new ArgumentException("The interaction's job_id is empty.");
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"Unknown interaction kind '{Kind}': {string.Join(", ", Kinds)}.");
        if (At == default) throw new ArgumentException("The interaction's time (at) is missing.");
    }
}
