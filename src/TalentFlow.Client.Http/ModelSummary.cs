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
/// <param name="Parameters">How it was trained; null for a version registered from outside.</param>
/// <param name="DataFingerprint">A hash of the labelled samples it was trained on; null when not trained by the loop.</param>
public sealed record ModelVersionSummary(
    string Version, string Stage, IReadOnlyDictionary<string, double> Metrics, DateTimeOffset CreatedAt, string? Parent = null, DateTimeOffset? PromotedAt = null,
    IReadOnlyDictionary<string, string>? Parameters = null, string? DataFingerprint = null);

/// <summary>Two versions of a model side by side (<c>GET /api/v1/models/{model}/compare?a=&amp;b=</c>).</summary>
/// <param name="Model">The model kind.</param>
/// <param name="A">The first version.</param>
/// <param name="B">The second version.</param>
/// <param name="Differences">For each metric both have: B's value minus A's.</param>
/// <param name="SameData">Whether both were trained on the same labelled samples (equal data fingerprints).</param>
public sealed record ModelComparison(string Model, ModelVersionSummary A, ModelVersionSummary B, IReadOnlyDictionary<string, double> Differences, bool SameData);
