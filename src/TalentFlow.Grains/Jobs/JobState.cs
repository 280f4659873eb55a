namespace TalentFlow.Grains;

/// <summary>What a job grain persists: the posting as given (the source of truth) and its profile.</summary>
public sealed class JobState
{
    /// <summary>The posting, with its description normalised; null until stored.</summary>
    public JobPosting? Posting { get; set; }

    /// <summary>The parsed profile.</summary>
    public JobProfile? Profile { get; set; }

    /// <summary>Screening results by candidate id.</summary>
    public Dictionary<string, ScreeningResult> Results { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every verdict given, oldest first (replaced verdicts stay: the audit trail).</summary>
    public List<FeedbackRecord> FeedbackHistory { get; set; } = [];
}
