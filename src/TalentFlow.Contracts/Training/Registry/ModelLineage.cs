
namespace TalentFlow.Contracts.Training.Registry;

/// <summary>
/// A version end to end (<c>GET /api/v1/models/{model}/versions/{version}/lineage</c>): the data it was trained on and the
/// decisions it made.
/// </summary>
/// <param name="Model">The model kind.</param>
/// <param name="Version">The version.</param>
/// <param name="Stage">Its stage now.</param>
/// <param name="DataFingerprint">The fingerprint of its labelled samples; null when not trained by the learning loop.</param>
/// <param name="Parent">The production version it was trained and evaluated against, or replaced.</param>
/// <param name="Aliases">The aliases that point to it now.</param>
/// <param name="TrainingSetSize">How many feedback items it was trained and evaluated on (0 when not trained by the loop).</param>
/// <param name="TrainingSet">The feedback items, by result id (at most the asked limit).</param>
/// <param name="DecisionsTotal">How many screening decisions it made (results it scored).</param>
/// <param name="Decisions">Its decisions, newest first (at most the asked limit).</param>
public sealed record ModelLineage(
    string Model, string Version, string Stage, string? DataFingerprint, string? Parent, IReadOnlyList<string> Aliases,
    int TrainingSetSize, IReadOnlyList<LineageItem> TrainingSet, long DecisionsTotal, IReadOnlyList<ModelDecision> Decisions);

/// <summary>One feedback item in a version's training set.</summary>
/// <param name="ResultId">The screening result (<c>job|candidate</c>).</param>
/// <param name="JobId">The job.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="Reviewer">Who gave the verdict, when known.</param>
/// <param name="Label"><c>shortlist</c> or <c>reject</c>: the verdict the version learned from.</param>
/// <param name="HeldOut">Whether it was on the held-out side (evaluation) rather than the training side.</param>
public sealed record LineageItem(string ResultId, string JobId, string CandidateId, string? Reviewer, string Label, bool HeldOut);

/// <summary>One screening decision a version made.</summary>
/// <param name="ResultId">The screening result (<c>job|candidate</c>).</param>
/// <param name="JobId">The job.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c>.</param>
/// <param name="Score">The overall score.</param>
/// <param name="At">When the result was made.</param>
public sealed record ModelDecision(string ResultId, string JobId, string CandidateId, string Decision, double Score, DateTimeOffset At);
