namespace TalentFlow.Client.Http;

/// <summary>
/// The answer to a promotion (<c>POST /api/v1/models/{model}/versions/{version}/promote</c>), a rollback
/// (<c>POST /api/v1/models/{model}/rollback</c>) or a registration (<c>PUT /api/v1/models/{model}/versions/{version}</c>).
/// </summary>
/// <param name="Success">Whether the version is now production.</param>
/// <param name="Model">The model kind.</param>
/// <param name="Version">The version promoted, rolled back to, or registered.</param>
/// <param name="Stage">Its stage now: <c>Production</c>, or <c>None</c> for a registration without activation.</param>
public sealed record PromotionResult(bool Success, string Model, string Version, string Stage);
