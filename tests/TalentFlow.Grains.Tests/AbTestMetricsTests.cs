using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>Per-arm metrics of an A/B test, against values computed by hand.</summary>
public sealed class AbTestMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly ModelAbTest Test = new("baseline_tfidf", "v2", 0.5, "v1", Start);

    private static ScreeningResult Result(string candidate, string version, double score, string decision, int minutes = 10, double? probability = null) =>
        new($"job-1|{candidate}", "job-1", candidate, candidate, score, decision, new Dictionary<string, double>(), [], [],
            new Dictionary<string, string> { ["baseline_tfidf"] = version }, null, HumanReviewed: false, Start.AddMinutes(minutes), probability);

    private static KeyValuePair<string, FeedbackRecord> Verdict(string candidate, string? decision, double? score = null, int minutes = 20) =>
        new($"job-1|{candidate}", new FeedbackRecord($"job-1|{candidate}", new ReviewerFeedback(decision, score), "n/a", false, Start.AddMinutes(minutes)));

    [Fact]
    public void Compute_ReviewedResultsOfBothArms_MatchesHandComputedMetrics()
    {
        ScreeningResult[] results =
        [
            // Control (v1): a agreed shortlist (score .8, reviewer .9), b wrong shortlist (reviewer .2), c agreed reject, d unreviewed.
            Result("a", "v1", 0.8, "SHORTLIST"), Result("b", "v1", 0.7, "SHORTLIST"), Result("c", "v1", 0.2, "REJECT"), Result("d", "v1", 0.5, "REJECT"),
            // Challenger (v2): e agreed shortlist by probability .6 (reviewer .5 → a match), f wrong reject.
            Result("e", "v2", 0.4, "SHORTLIST", probability: 0.6), Result("f", "v2", 0.3, "REJECT"),
            // Before the test: not counted at all.
            Result("g", "v2", 0.9, "SHORTLIST", minutes: -5),
        ];
        var verdicts = new Dictionary<string, FeedbackRecord>(
        [
            Verdict("a", "shortlist", 0.9), Verdict("b", null, 0.2), Verdict("c", "reject"), Verdict("e", null, 0.5), Verdict("f", "shortlist"), Verdict("g", "shortlist"),
        ]);

        var report = AbTestMetrics.Compute(Test, results, verdicts);

        Assert.Equal(new AbArmMetrics("control", "v1", Results: 4, Reviewed: 3, Agreement: 0.666667, Shortlisted: 2, ShortlistPrecision: 0.5,
            ScoredByReviewer: 2, MeanAbsoluteScoreError: 0.3), report.Control);
        Assert.Equal(new AbArmMetrics("challenger", "v2", Results: 2, Reviewed: 2, Agreement: 0.5, Shortlisted: 1, ShortlistPrecision: 1.0,
            ScoredByReviewer: 1, MeanAbsoluteScoreError: 0.1), report.Challenger);
    }

    [Fact]
    public void Compute_VerdictOlderThanTheResult_CountsTheResultAsUnreviewed()
    {
        var results = new[] { Result("a", "v2", 0.8, "SHORTLIST", minutes: 30) };
        var verdicts = new Dictionary<string, FeedbackRecord>([Verdict("a", "reject", minutes: 20)]);

        var report = AbTestMetrics.Compute(Test, results, verdicts);

        Assert.Equal(new AbArmMetrics("challenger", "v2", 1, 0, null, 0, null, 0, null), report.Challenger);
        Assert.Equal(new AbArmMetrics("control", "v1", 0, 0, null, 0, null, 0, null), report.Control);
    }
}
