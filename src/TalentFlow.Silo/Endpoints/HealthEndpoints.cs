using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Silo.Endpoints;

internal static class HealthEndpoints
{
    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the silo is Active in the cluster.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthResponse("live")));
        app.MapGet("/health/ready", (TalentFlow.Runtime.Hosting.Silo silo) => silo.Status == SiloStatus.Active
            ? Results.Ok(new HealthResponse("ready"))
            : Results.Problem($"The silo is {silo.Status}.", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    internal sealed record HealthResponse(string Status);
}
