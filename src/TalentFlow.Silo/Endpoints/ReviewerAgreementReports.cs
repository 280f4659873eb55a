using Orleans;
using TalentFlow.Contracts.Review;
using TalentFlow.Grains.Jobs;
using TalentFlow.ML.Review;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// A reviewer's agreement across jobs: the jobs in review (<see cref="IReviewDirectoryGrain"/>) each give their
/// reviewed results; the reviewer's pairs with peers and with the model are pooled (<see cref="ReviewAgreement.Of"/>).
/// </summary>
internal static class ReviewerAgreementReports
{
    /// <summary>The report, or null when the reviewer gave no verdict on any job.</summary>
    public static async Task<ReviewerAgreementReport?> ForAsync(IGrainFactory grains, string reviewer, CancellationToken ct)
    {
        var byJob = await ReviewedByJobAsync(grains, ct);
        var all = new List<ReviewUnit>();
        var jobs = new SortedDictionary<string, ReviewerAgreement>(StringComparer.Ordinal);
        foreach (var (jobId, units) in byJob)
        {
            if (!units.Any(u => u.Labels.ContainsKey(reviewer))) continue;
            jobs[jobId] = ToContract(ReviewAgreement.Of(reviewer, units));
            all.AddRange(units);
        }
        return jobs.Count == 0 ? null : new ReviewerAgreementReport(reviewer, ToContract(ReviewAgreement.Of(reviewer, all)), jobs);
    }

    /// <summary>Every reviewer's agreement over every job with verdicts, by reviewer name.</summary>
    public static async Task<IReadOnlyList<ReviewerAgreement>> AllAsync(IGrainFactory grains, CancellationToken ct)
    {
        var all = (await ReviewedByJobAsync(grains, ct)).SelectMany(j => j.Units).ToList();
        return [.. ReviewAgreement.PerReviewer(all).Select(ToContract)];
    }

    private static async Task<List<(string JobId, List<ReviewUnit> Units)>> ReviewedByJobAsync(IGrainFactory grains, CancellationToken ct)
    {
        var jobIds = await grains.GetGrain<IReviewDirectoryGrain>(IReviewDirectoryGrain.Key).GetJobsAsync(ct);
        var reads = jobIds.Select(id => grains.GetGrain<IJobReviewGrain>(id).GetReviewedResultsAsync(ct)).ToList();
        var reviewed = await Task.WhenAll(reads);
        return [.. jobIds.Select((id, i) => (id, reviewed[i].Select(r => new ReviewUnit(r.ResultId, r.Labels, r.ModelLabel)).ToList()))];
    }

    private static ReviewerAgreement ToContract(ReviewerSummary s) =>
        new(s.Reviewer, s.Reviews, s.PeerComparisons, Defined(s.PeerAgreement), Defined(s.PeerKappa), Defined(s.ModelAgreement), Defined(s.ModelKappa));

    private static double? Defined(double value) => double.IsNaN(value) ? null : Math.Round(value, 6);
}
