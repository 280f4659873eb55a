namespace TalentFlow.Client.Http.Internal;

/// <summary><c>POST /api/v1/feedback/submit</c>: a <see cref="Contracts.Training.ReviewerFeedback"/> plus the result it is about.</summary>
internal sealed record FeedbackBody(string ScreeningResultId, string? HumanDecision, double? HumanScore, string? Notes, string? Reviewer);

/// <summary><c>POST /api/v1/feedback/trigger-training</c>.</summary>
internal sealed record TriggerBody(string? Model, bool Force);

/// <summary><c>PUT /api/v1/models/{model}/ab-test</c>.</summary>
internal sealed record AbTestBody(string Version, double Share);

/// <summary><c>GET /health/*</c> when the silo answers 200.</summary>
internal sealed record HealthBody(string Status);

/// <summary><c>PUT /api/v1/jobs/{job_id}/review-settings</c>.</summary>
internal sealed record ReviewSettingsBody(int? Overlap);

/// <summary><c>POST /api/v1/review/adjudications/{job_id}/{candidate_id}</c>.</summary>
internal sealed record AdjudicationBody(string Label, string Reason);

/// <summary><c>PUT /api/v1/models/{model}/aliases/{alias}</c>.</summary>
internal sealed record AliasBody(string Version, string Reason);

/// <summary>A body that only says why (promotion).</summary>
internal sealed record ReasonBody(string? Reason);

/// <summary><c>POST /api/v1/models/{model}/rollback</c> with a target.</summary>
internal sealed record RollbackBody(string? ToVersion, string? Alias, int? Steps, DateTimeOffset? At, string Reason);
