using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Jobs;

namespace TalentFlow.Grains.Training;

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
            foreach (var (resultId, verdict) in FeedbackHistory.Latest(await grains.GetGrain<IJobReviewGrain>(jobId).GetFeedbackHistoryAsync(cancellationToken).ConfigureAwait(false))) verdicts[resultId] = verdict;
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
