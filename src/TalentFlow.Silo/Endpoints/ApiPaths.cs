using TalentFlow.Silo.Dashboard;

namespace TalentFlow.Silo.Endpoints;

/// <summary>Which requests are the API's: <c>/api/...</c>, and the dashboard panels' data below their page.</summary>
internal static class ApiPaths
{
    /// <summary>Whether <paramref name="path"/> is answered by the API's rules (problem+json errors, a lost read retried).</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(DashboardEndpoints.PanelsApiPath, StringComparison.OrdinalIgnoreCase);
}
