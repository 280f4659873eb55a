using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Diagnostics;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

internal static class ClusterEndpoints
{
    /// <summary><c>GET /api/v1/cluster/silos</c>: every silo this one sees, with roles and status. Admin only.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cluster").RequireAuthorization(ApiPolicies.Admin);
        group.MapGet("/silos", (IClusterView cluster, MatchingModels models, RecommendationModels recommendations, CareerModels careers) => TypedResults.Ok(cluster.Members().Select(m => new SiloResponse(
            m.Address, m.Address.Split('@')[0], m.Name, m.Roles, m.Status,
            // This silo knows its own versions; other silos' arrive with the model fan-out.
            m.Address == cluster.LocalAddress
                ? ServedModelVersions.Of(models, recommendations, careers)
                : new Dictionary<string, string>()))));
        group.MapGet("/statistics", async (IClusterStatistics statistics, IClusterView cluster, CancellationToken ct) =>
        {
            var all = await statistics.CollectAsync(ct);
            return all.TryGetValue(cluster.LocalAddress, out var mine) && mine.Statistics is { } stats
                ? Results.Ok(stats)
                : Results.Problem("This silo's statistics could not be read.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).Produces<SiloStatistics>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal sealed record SiloResponse(string Id, string Address, string Name, IReadOnlyList<string> Roles, string Status, IReadOnlyDictionary<string, string> ModelVersions);
}
