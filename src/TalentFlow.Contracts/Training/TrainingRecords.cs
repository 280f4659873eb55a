
namespace TalentFlow.Contracts.Training;

/// <summary>A training job, as the coordinator tracks it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Model">Model kind.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Progress">0–1.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Metrics">Evaluation numbers of the trained version against production on held-out feedback.</param>
/// <param name="Version">The version it registered, when it succeeded.</param>
/// <param name="Silo">The trainer silo it ran on.</param>
/// <param name="CreatedAt">When it was triggered.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Attempt">1 for the first dispatch; one more each time a lost trainer silo made the coordinator dispatch again.</param>
/// <param name="Trigger">What started it: <c>manual</c>, <c>threshold</c> or <c>schedule</c>.</param>
/// <param name="Log">The job's last <see cref="MaxLogLines"/> log lines, oldest first (null for a job recorded before logs).</param>
public sealed record TrainingJobInfo(
    string Id, string Model, string Status, double Progress, string Message, IReadOnlyDictionary<string, double> Metrics,
    string? Version, string? Silo, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Attempt = 1, string Trigger = "manual",
    IReadOnlyList<TrainingLogLine>? Log = null)
{
    /// <summary>How many log lines a job keeps: 50.</summary>
    public const int MaxLogLines = 50;

    /// <summary>Whether the job has ended: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled";
}

/// <summary>One line of a training job's log.</summary>
/// <param name="At">When it was written.</param>
/// <param name="Progress">The job's progress (0–1) at that point.</param>
/// <param name="Message">What happened.</param>
public sealed record TrainingLogLine(DateTimeOffset At, double Progress, string Message);

/// <summary>A registered model version.</summary>
/// <param name="Model">Model kind.</param>
/// <param name="Version">Version id.</param>
/// <param name="Stage">
/// <c>Staging</c>: trained and evaluated, not serving (it did not clear the promotion bar, or awaits a manual promotion);
/// <c>Production</c>: the one version every silo serves; <c>Archived</c>: a former production version, kept for rollback;
/// <c>None</c>: registered without an evaluation (not produced by the learning loop).
/// </param>
/// <param name="Metrics">Its evaluation.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Parent">The production version when it was registered (what it was trained and evaluated against); null when there was none.</param>
/// <param name="PromotedAt">When it last became production; null if never.</param>
/// <param name="Parameters">How it was trained (algorithm and settings); null for a version registered from outside.</param>
/// <param name="DataFingerprint">
/// SHA-256 (first 16 hex digits) of the labelled samples it was trained and evaluated on — result ids and verdicts in
/// ordinal order — so two versions trained on the same data show the same fingerprint; null when not trained by the loop.
/// </param>
public sealed record ModelVersionInfo(
    string Model, string Version, string Stage, IReadOnlyDictionary<string, double> Metrics, DateTimeOffset CreatedAt,
    string? Parent = null, DateTimeOffset? PromotedAt = null, IReadOnlyDictionary<string, string>? Parameters = null, string? DataFingerprint = null);

/// <summary>The answer to a training trigger (seed 002's <c>success, message, job_id</c>).</summary>
/// <param name="Success">Whether a job was started.</param>
/// <param name="Message">Why or why not.</param>
/// <param name="JobId">The started (or already running) job.</param>
public sealed record TriggerResult(bool Success, string Message, string? JobId);

/// <summary>What a trainer reports when a job ends.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Succeeded">Whether a version was trained and stored.</param>
/// <param name="Message">What happened.</param>
/// <param name="Metrics">Evaluation on held-out feedback.</param>
/// <param name="Version">The stored version, when it succeeded.</param>
/// <param name="BeatsProduction">
/// Whether it clears the promotion bar against the production version on the same held-out feedback (see
/// <c>TrainingOptions.RequireSignificantGain</c>): then it is promoted, else it stays in Staging.
/// </param>
/// <param name="Silo">The trainer silo.</param>
/// <param name="Parameters">How it was trained, for the registry.</param>
/// <param name="DataFingerprint">The fingerprint of the labelled samples it used (see <see cref="ModelVersionInfo.DataFingerprint"/>).</param>
public sealed record TrainingOutcome(
    string JobId, bool Succeeded, string Message, IReadOnlyDictionary<string, double> Metrics, string? Version, bool BeatsProduction, string? Silo,
    IReadOnlyDictionary<string, string>? Parameters = null, string? DataFingerprint = null);

/// <summary>One screening result with a reviewer's verdict: a labelled sample.</summary>
/// <param name="ResultId"><c>job|candidate</c>.</param>
/// <param name="Positive">The reviewer said match.</param>
/// <param name="Reviewer">Who gave the verdict, when known (recorded in a trained version's lineage).</param>
public sealed record LabelledResult(string ResultId, bool Positive, string? Reviewer = null);

/// <summary>A job's verdicts as the coordinator counts them: the latest verdict per screening result.</summary>
/// <param name="Total">Reviewed results.</param>
/// <param name="Positive">Of which the reviewer said match.</param>
/// <param name="NeedsRetraining">Of which the reviewer disagreed with the model.</param>
public sealed record VerdictCounts(int Total, int Positive, int NeedsRetraining);

/// <summary>
/// An A/B test of a model kind: the challenger version scores <paramref name="Share"/> of the candidates (by a stable hash of
/// the candidate id), production the rest. Ended by clearing it or by promoting the challenger.
/// </summary>
/// <param name="Model">The model kind under test (one that can be split: <c>baseline_tfidf</c>, <c>semantic_scorer</c>).</param>
/// <param name="ChallengerVersion">The registered version that scores the challenger arm.</param>
/// <param name="Share">The challenger's share of the candidates, in (0, 1).</param>
/// <param name="ControlVersion">The production version when the test started (null: the built-in or configured model).</param>
/// <param name="StartedAt">When the test (with this challenger) started; only results scored since count in its metrics.</param>
public sealed record ModelAbTest(string Model, string ChallengerVersion, double Share, string? ControlVersion, DateTimeOffset StartedAt);

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
