namespace TalentFlow.ML.Review;

/// <summary>How a review queue picks the next results to review.</summary>
public enum ReviewStrategy
{
    /// <summary>Closest to the decision threshold first.</summary>
    Uncertainty,

    /// <summary>Largest spread between the models' scores first.</summary>
    Disagreement,

    /// <summary>Least like anything already reviewed first (greedy max-min distance).</summary>
    Diversity,

    /// <summary>Waiting longest first.</summary>
    Oldest,
}

/// <summary>The wire names of <see cref="ReviewStrategy"/> (<c>uncertainty</c>, <c>disagreement</c>, <c>diversity</c>, <c>oldest</c>).</summary>
public static class ReviewStrategies
{
    /// <summary>Every wire name, in declaration order.</summary>
    public static readonly IReadOnlyList<string> Names = ["uncertainty", "disagreement", "diversity", "oldest"];

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive), or null when none is.</summary>
    public static ReviewStrategy? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "uncertainty" => ReviewStrategy.Uncertainty,
        "disagreement" => ReviewStrategy.Disagreement,
        "diversity" => ReviewStrategy.Diversity,
        "oldest" => ReviewStrategy.Oldest,
        _ => null,
    };

    /// <summary>The wire name of <paramref name="strategy"/>.</summary>
    public static string NameOf(ReviewStrategy strategy) => Names[(int)strategy];
}
