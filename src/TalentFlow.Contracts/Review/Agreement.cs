
namespace TalentFlow.Contracts.Review;

/// <summary>Where a job's results stand in review.</summary>
/// <param name="Results">Screening results.</param>
/// <param name="Unreviewed">No verdict yet.</param>
/// <param name="Pending">Some verdicts, fewer reviewers than the overlap.</param>
/// <param name="Uncontested">The overlap reached and every reviewer agrees (their label reaches training).</param>
/// <param name="Disputed">The overlap reached and reviewers disagree: waiting for an adjudicator.</param>
/// <param name="Adjudicated">Decided by an adjudicator (that label reaches training).</param>
public sealed record ReviewCounts(int Results, int Unreviewed, int Pending, int Uncontested, int Disputed, int Adjudicated)
{
    /// <summary>Results that still need reviews (<see cref="Unreviewed"/> + <see cref="Pending"/>): the queue's size.</summary>
    public int QueueSize => Unreviewed + Pending;
}

/// <summary>
/// Agreement among a job's reviewers and with the model (<c>GET /api/v1/jobs/{job_id}/agreement</c>). Coefficients are null when
/// undefined (no paired results, or labels without any variation).
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Overlap">The job's overlap.</param>
/// <param name="Counts">Where its results stand.</param>
/// <param name="Reviewers">Distinct reviewers.</param>
/// <param name="PairedResults">Results labelled by two or more reviewers.</param>
/// <param name="Method"><c>cohen_kappa</c> (exactly two reviewers on the paired results), <c>krippendorff_alpha</c> (more), or null.</param>
/// <param name="Value">The coefficient <paramref name="Method"/> names.</param>
/// <param name="Kappa">Cohen's κ, when exactly two reviewers.</param>
/// <param name="Alpha">Krippendorff's α (nominal), whenever a result is paired.</param>
/// <param name="ObservedAgreement">Share of agreeing reviewer pairs on paired results.</param>
/// <param name="ModelVerdicts">Reviewer verdicts compared with the model's recommendation.</param>
/// <param name="ModelAgreement">Share of those that equal the model's recommendation.</param>
/// <param name="ModelKappa">Cohen's κ between the verdicts and the model's recommendations.</param>
/// <param name="PerReviewer">Each reviewer's agreement on this job.</param>
public sealed record JobAgreement(
    string JobId, int Overlap, ReviewCounts Counts, int Reviewers, int PairedResults, string? Method, double? Value, double? Kappa, double? Alpha,
    double? ObservedAgreement, int ModelVerdicts, double? ModelAgreement, double? ModelKappa, IReadOnlyList<ReviewerAgreement> PerReviewer);

/// <summary>One reviewer's agreement with the other reviewers (on the results they share) and with the model.</summary>
/// <param name="Reviewer">The reviewer.</param>
/// <param name="Reviews">Results they labelled.</param>
/// <param name="PeerComparisons">Pairs of their label and another reviewer's on the same result.</param>
/// <param name="PeerAgreement">Share of those pairs that agree.</param>
/// <param name="PeerKappa">Cohen's κ over those pairs.</param>
/// <param name="ModelAgreement">Share of their labels equal to the model's recommendation.</param>
/// <param name="ModelKappa">Cohen's κ between their labels and the model's recommendations.</param>
public sealed record ReviewerAgreement(
    string Reviewer, int Reviews, int PeerComparisons, double? PeerAgreement, double? PeerKappa, double? ModelAgreement, double? ModelKappa);

/// <summary>A reviewer's agreement over every job they reviewed (<c>GET /api/v1/reviewers/{reviewer}/agreement</c>).</summary>
/// <param name="Reviewer">The reviewer.</param>
/// <param name="Overall">Over all their jobs together.</param>
/// <param name="Jobs">Per job, by job id (ordinal order).</param>
public sealed record ReviewerAgreementReport(string Reviewer, ReviewerAgreement Overall, IReadOnlyDictionary<string, ReviewerAgreement> Jobs);

/// <summary>A reviewed result as agreement needs it: each reviewer's latest label and the model's recommendation.</summary>
/// <param name="ResultId">The result.</param>
/// <param name="ModelLabel">The model's recommendation, <c>shortlist</c> or <c>reject</c>.</param>
/// <param name="Labels">Reviewer → <c>shortlist</c>/<c>reject</c>.</param>
public sealed record ReviewedResult(string ResultId, string ModelLabel, IReadOnlyDictionary<string, string> Labels);
