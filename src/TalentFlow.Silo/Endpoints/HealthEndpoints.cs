using TalentFlow.Hosting.Cluster;

namespace TalentFlow.Silo.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the silo is Active in the cluster. Anonymous: load
    /// balancers and orchestrators probe them without keys, and they reveal nothing but the silo's status.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthResponse("live"))).AllowAnonymous();
        app.MapGet("/health/ready", (IClusterView cluster) =>
        {
            string status = cluster.Members().FirstOrDefault(m => m.Address == cluster.LocalAddress)?.Status ?? "Joining";
            return status == "Active"
                ? Results.Ok(new HealthResponse("ready"))
                : Results.Problem($"The silo is {status}.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().Produces<HealthResponse>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal sealed record HealthResponse(string Status);
}
