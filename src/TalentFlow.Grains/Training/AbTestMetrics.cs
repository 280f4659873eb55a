using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>One arm of an A/B test, measured on reviewers' verdicts.</summary>
/// <param name="Arm"><c>control</c> (production) or <c>challenger</c>.</param>
/// <param name="Version">The arm's version: the challenger, or production when the test started (null: built-in or configured).</param>
/// <param name="Results">Screening results the arm scored since the test started.</param>
/// <param name="Reviewed">Of which a reviewer judged (after it was scored).</param>
/// <param name="Agreement">Share of the reviewed whose model decision the reviewer agreed with (SHORTLIST ⇔ match); null when none.</param>
/// <param name="Shortlisted">Reviewed results the model shortlisted.</param>
/// <param name="ShortlistPrecision">Share of <paramref name="Shortlisted"/> the reviewer called a match; null when none.</param>
/// <param name="ScoredByReviewer">Reviewed results with a reviewer's score.</param>
/// <param name="MeanAbsoluteScoreError">
/// Mean |model score − reviewer score| over <paramref name="ScoredByReviewer"/> (the model's score is the calibrated match
/// probability when a scorer gave one, else the match score); null when none.
/// </param>
public sealed record AbArmMetrics(
    string Arm, string? Version, int Results, int Reviewed, double? Agreement, int Shortlisted, double? ShortlistPrecision, int ScoredByReviewer,
    double? MeanAbsoluteScoreError);

/// <summary>An A/B test and its two arms' metrics.</summary>
/// <param name="Test">The test.</param>
/// <param name="Control">Production's arm.</param>
/// <param name="Challenger">The challenger's arm.</param>
public sealed record AbTestReport(ModelAbTest Test, AbArmMetrics Control, AbArmMetrics Challenger);

/// <summary>
/// Per-arm metrics of an A/B test from the screening results and the reviewers' latest verdicts. A result's arm is the version
/// it records (<see cref="ScreeningResult.ModelVersions"/>): the challenger's, or anything else (production); only results
/// scored since the test started count, and only verdicts given on them since.
/// </summary>
public static class AbTestMetrics
{
    /// <summary>Measures <paramref name="test"/> on the jobs that hold verdicts (as the coordinator names them).</summary>
    public static async Task<AbTestReport> ReadAsync(IGrainFactory grains, ModelAbTest test, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(test);
        var jobIds = await grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey).GetJobsWithVerdictsAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ScreeningResult>();
        var verdicts = new Dictionary<string, FeedbackRecord>(StringComparer.Ordinal);
        foreach (var jobId in jobIds)
        {
            var job = grains.GetGrain<IJobGrain>(jobId);
            results.AddRange(await job.GetScreeningResultsAsync(cancellationToken).ConfigureAwait(false));
            foreach (var (resultId, verdict) in FeedbackHistory.Latest(await job.GetFeedbackHistoryAsync(cancellationToken).ConfigureAwait(false))) verdicts[resultId] = verdict;
        }
        return Compute(test, results, verdicts);
    }

    /// <summary>The two arms' metrics over <paramref name="results"/>, with <paramref name="verdicts"/> (result id → latest verdict).</summary>
    public static AbTestReport Compute(ModelAbTest test, IEnumerable<ScreeningResult> results, IReadOnlyDictionary<string, FeedbackRecord> verdicts)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(verdicts);
        var control = new Tally();
        var challenger = new Tally();
        foreach (var result in results)
        {
            if (result.CreatedAt < test.StartedAt) continue;
            bool isChallenger = result.ModelVersions.TryGetValue(test.Model, out var version) && version == test.ChallengerVersion;
            var tally = isChallenger ? challenger : control;
            tally.Results++;
            // A verdict given before this scoring judged an earlier one (the result was screened again since).
            if (!verdicts.TryGetValue(result.Id, out var verdict) || verdict.SubmittedAt < result.CreatedAt) continue;
            tally.Reviewed++;
            bool shortlisted = result.Decision == "SHORTLIST";
            bool positive = verdict.Feedback.IsPositive;
            if (shortlisted == positive) tally.Agreed++;
            if (shortlisted)
            {
                tally.Shortlisted++;
                if (positive) tally.TruePositives++;
            }
            if (verdict.Feedback.HumanScore is { } human)
            {
                tally.Scored++;
                tally.AbsoluteError += Math.Abs((result.MatchProbability ?? result.Score) - human);
            }
        }
        return new AbTestReport(test, control.Metrics("control", test.ControlVersion), challenger.Metrics("challenger", test.ChallengerVersion));
    }

    private sealed class Tally
    {
        public int Results, Reviewed, Agreed, Shortlisted, TruePositives, Scored;
        public double AbsoluteError;

        public AbArmMetrics Metrics(string arm, string? version) => new(
            arm, version, Results, Reviewed, Ratio(Agreed, Reviewed), Shortlisted, Ratio(TruePositives, Shortlisted), Scored,
            Scored == 0 ? null : Math.Round(AbsoluteError / Scored, 6));

        private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 6);
    }
}
