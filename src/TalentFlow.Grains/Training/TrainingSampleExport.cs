using Orleans;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>
/// Reads the labelled screening results the coordinator counts, with their texts and verdicts, for training outside the
/// cluster: the coordinator names the jobs with verdicts, each job grain holds its results and feedback history, each
/// candidate its text.
/// </summary>
public static class TrainingSampleExport
{
    /// <summary>The samples that pass <paramref name="filter"/>, ordered by result id.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="filter">Which verdicts.</param>
    /// <param name="now">The current time (for <see cref="TrainingSampleFilter.Days"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<TrainingSample>> ReadAsync(IGrainFactory grains, TrainingSampleFilter filter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        var jobIds = await grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
            .GetJobsWithVerdictsAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? since = filter.Days is { } days ? now.AddDays(-days) : null;
        var samples = new List<TrainingSample>();
        foreach (var jobId in jobIds)
        {
            var job = grains.GetGrain<IJobGrain>(jobId);
            var posting = await job.GetPostingAsync(cancellationToken).ConfigureAwait(false);
            if (posting is null) continue;
            string jobText = posting.Title + "\n" + posting.Description;
            // Only adjudicated or uncontested labels (the job's review grain): a disputed result waits for its adjudicator.
            var latest = await grains.GetGrain<IJobReviewGrain>(jobId).GetTrainingVerdictsAsync(cancellationToken).ConfigureAwait(false);
            var results = (await job.GetScreeningResultsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var verdict in latest)
            {
                string resultId = verdict.ResultId;
                if (!results.TryGetValue(resultId, out var screening)) continue;
                if (since is { } from && verdict.SubmittedAt < from) continue;
                if (filter.Status == "disagreed" && !verdict.NeedsRetraining) continue;
                var feedback = verdict.Feedback;
                double confidence = feedback.HumanDecision is not null ? 1 : Math.Abs((2 * feedback.HumanScore!.Value) - 1);
                if (confidence < filter.MinConfidence) continue;
                var resume = await grains.GetGrain<ICandidateFeaturesGrain>(screening.CandidateId).GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (resume is null) continue;
                samples.Add(new TrainingSample(resultId, jobId, screening.CandidateId, resume, jobText, feedback.IsPositive ? 1 : 0,
                    feedback.HumanDecision?.ToLowerInvariant(), feedback.HumanScore, confidence, screening.Score, verdict.ModelDecision, verdict.NeedsRetraining,
                    feedback.Notes, feedback.Reviewer, verdict.SubmittedAt));
            }
        }
        samples.Sort((a, b) => string.CompareOrdinal(a.ResultId, b.ResultId));
        return samples;
    }
}
