namespace TalentFlow.Client.Http;

/// <summary>One model kind in the registry, with its versions (<c>GET /api/v1/models</c>).</summary>
/// <param name="Name">The model kind, e.g. <c>baseline_tfidf</c>.</param>
/// <param name="Versions">Its registered versions.</param>
public sealed record ModelSummary(string Name, IReadOnlyList<ModelVersionSummary> Versions);

/// <summary>A registered version of a model.</summary>
/// <param name="Version">The version id.</param>
/// <param name="Stage"><c>None</c>, <c>Staging</c>, <c>Production</c> or <c>Archived</c>.</param>
/// <param name="Metrics">Its evaluation.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Parent">The production version when it was registered; null when there was none.</param>
/// <param name="PromotedAt">When it last became production; null if never.</param>
public sealed record ModelVersionSummary(
    string Version, string Stage, IReadOnlyDictionary<string, double> Metrics, DateTimeOffset CreatedAt, string? Parent = null, DateTimeOffset? PromotedAt = null);
