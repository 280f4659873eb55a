using TalentFlow.Contracts.Candidates;

namespace TalentFlow.Grains.Candidates;

/// <summary>What a candidate grain persists: the normalised text (the source of truth; features are derived) and its profile.</summary>
public sealed class CandidateState
{
    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Normalised resume text; null until a resume is stored.</summary>
    public string? Text { get; set; }

    /// <summary>Where the resume came from.</summary>
    public string? Source { get; set; }

    /// <summary>The parsed profile.</summary>
    public CandidateProfile? Profile { get; set; }

    /// <summary>Screenings and reviews, oldest first, at most <see cref="HistoryLimit"/>.</summary>
    public List<CandidateInteraction> History { get; set; } = [];

    /// <summary>How many interactions the history keeps.</summary>
    public const int HistoryLimit = 500;
}
