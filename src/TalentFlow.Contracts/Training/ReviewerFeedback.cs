
namespace TalentFlow.Contracts.Training;

/// <summary>A reviewer's verdict on a screening result (seed 002's feedback).</summary>
/// <param name="HumanDecision"><c>shortlist</c> or <c>reject</c>; optional when <paramref name="HumanScore"/> is given.</param>
/// <param name="HumanScore">A score in [0, 1]; optional when <paramref name="HumanDecision"/> is given.</param>
/// <param name="Notes">Free text for the audit trail.</param>
/// <param name="Reviewer">Who reviewed, when known.</param>
public sealed record ReviewerFeedback(string? HumanDecision, double? HumanScore = null, string? Notes = null, string? Reviewer = null)
{
    /// <summary>Checks the verdict; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (HumanDecision is null && HumanScore is null) throw new ArgumentException("Feedback needs human_decision (shortlist or reject) or human_score.");
        if (HumanDecision is not null && !IsShortlist(HumanDecision) && !string.Equals(HumanDecision, "reject", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"human_decision must be 'shortlist' or 'reject', not '{HumanDecision}'.");
        }
        if (HumanScore is { } score && (double.IsNaN(score) || score is < 0 or > 1)) throw new ArgumentException("human_score must be in [0, 1].");
        if (Notes is { Length: > 10_000 }) throw new ArgumentException("notes are over 10,000 characters.");
    }

    /// <summary>Whether the reviewer says "match": the decision when given, else the score ≥ 0.5.</summary>
    public bool IsPositive => HumanDecision is not null ? IsShortlist(HumanDecision) : HumanScore >= 0.5;

    private static bool IsShortlist(string decision) => string.Equals(decision, "shortlist", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Feedback as stored: the verdict, whether it disagrees with the model, and when.</summary>
/// <param name="ResultId">The screening result.</param>
/// <param name="Feedback">The verdict.</param>
/// <param name="ModelDecision">What the model decided.</param>
/// <param name="NeedsRetraining">The reviewer disagrees with the model.</param>
/// <param name="SubmittedAt">When it was acknowledged (after it was durable).</param>
public sealed record FeedbackRecord(string ResultId, ReviewerFeedback Feedback, string ModelDecision, bool NeedsRetraining, DateTimeOffset SubmittedAt);

/// <summary>Reading a job's feedback history (every submission is kept, for the audit trail).</summary>
public static class FeedbackHistory
{
    /// <summary>The verdict that counts for each result: its latest submission (by <see cref="FeedbackRecord.SubmittedAt"/>, later in the list on a tie).</summary>
    public static Dictionary<string, FeedbackRecord> Latest(IEnumerable<FeedbackRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var latest = new Dictionary<string, FeedbackRecord>(StringComparer.Ordinal);
        foreach (var record in history)
        {
            if (!latest.TryGetValue(record.ResultId, out var seen) || record.SubmittedAt >= seen.SubmittedAt) latest[record.ResultId] = record;
        }
        return latest;
    }
}

/// <summary>How many labelled samples a model kind has, and whether that is enough to train (seed 002's training status).</summary>
/// <param name="Model">The model kind, e.g. <c>baseline_tfidf</c>.</param>
/// <param name="TotalSamples">Results with feedback.</param>
/// <param name="PositiveSamples">Reviewer said match.</param>
/// <param name="NegativeSamples">Reviewer said no match.</param>
/// <param name="NeedsRetraining">Reviewer disagreed with the model.</param>
/// <param name="Threshold">Samples needed before training.</param>
/// <param name="ReadyForTraining">Whether <paramref name="TotalSamples"/> reached <paramref name="Threshold"/>.</param>
/// <param name="SamplesNeeded">How many more are needed (0 when ready).</param>
public sealed record TrainingStatus(
    string Model, int TotalSamples, int PositiveSamples, int NegativeSamples, int NeedsRetraining, int Threshold, bool ReadyForTraining, int SamplesNeeded);
