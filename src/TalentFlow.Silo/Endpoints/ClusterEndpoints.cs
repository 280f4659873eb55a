using TalentFlow.Grains;
using TalentFlow.Runtime;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

internal static class ClusterEndpoints
{
    /// <summary><c>GET /api/v1/cluster/silos</c>: every silo this one sees, with roles and status. Admin only.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cluster").RequireAuthorization(ApiPolicies.Admin);
        group.MapGet("/silos", (TalentFlow.Runtime.Hosting.Silo silo, MatchingModels models, RecommendationModels recommendations, CareerModels careers) => TypedResults.Ok(silo.Members.Select(m => new SiloResponse(
            m.Silo.ToString(), m.Silo.Endpoint, m.Roles, m.Status.ToString(),
            // This silo knows its own versions; other silos' arrive with the model fan-out (each silo's /rt/stats).
            m.Silo == silo.Address
                ? ServedModelVersions.Of(models, recommendations, careers)
                : new Dictionary<string, string>()))));
        group.MapGet("/statistics", (TalentFlow.Runtime.Hosting.Silo silo) => TypedResults.Ok(silo.Statistics()));
        return app;
    }

    internal sealed record SiloResponse(string Id, string Address, IReadOnlyList<string> Roles, string Status, IReadOnlyDictionary<string, string> ModelVersions);
}
