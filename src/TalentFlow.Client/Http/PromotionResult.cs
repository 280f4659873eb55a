namespace TalentFlow.Client.Http;

/// <summary>The answer to a promotion or rollback (<c>POST /api/v1/models/{model}/versions/{version}/promote</c>).</summary>
/// <param name="Success">Whether the version is now production.</param>
/// <param name="Model">The model kind.</param>
/// <param name="Version">The version promoted.</param>
/// <param name="Stage">Its stage now: <c>Production</c>.</param>
public sealed record PromotionResult(bool Success, string Model, string Version, string Stage);
