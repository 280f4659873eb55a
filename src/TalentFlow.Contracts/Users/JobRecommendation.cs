
namespace TalentFlow.Contracts.Users;

/// <summary>A job recommended to a user, with why.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Title">Its title.</param>
/// <param name="Location">Its location, when known.</param>
/// <param name="Company">Its employer, when known.</param>
/// <param name="Score">The ranking score (higher is better; comparable within one answer).</param>
/// <param name="TextScore">The share of the title match (TF-IDF cosine with the user's text).</param>
/// <param name="Reasons">Short, honest reasons: what of the user's text the title matches, and the place match.</param>
/// <param name="Model">The model that ranked it (<c>content</c> or <c>hybrid:&lt;version&gt;</c>).</param>
public sealed record JobRecommendation(
    string JobId, string Title, string? Location, string? Company, double Score, double TextScore, IReadOnlyList<string> Reasons, string Model)
{
    /// <summary>The reasons as one line.</summary>
    public string Reason => string.Join("; ", Reasons);
}
