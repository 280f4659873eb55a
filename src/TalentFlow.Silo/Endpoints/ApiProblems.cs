using TalentFlow.Contracts;

namespace TalentFlow.Silo.Endpoints;

/// <summary>Problems the routes return themselves, and the id check every route applies (thrown errors: <see cref="ApiExceptionHandler"/>).</summary>
internal static class ApiProblems
{
    public static IResult NotFound(string what) => Results.Problem($"{what} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>
    /// Ids are grain keys. A job, candidate or user id follows <see cref="EntityId"/>'s rule (checked here, at the edge, before
    /// any grain is called, so a refused id writes nothing); <paramref name="field"/> names where the caller put it (a body or
    /// form field) when that is not the route's path. Other ids (model versions) keep the looser rule below.
    /// </summary>
    public static string? CheckId(string? id, string what, string? field = null)
    {
        if (id is null) return null;
        if (what is "job" or "candidate" or "user")
        {
            return EntityId.Validate(id, field is null ? $"The {what} id" : $"The {what} id ({field})");
        }
        // '/' separates type and key on the wire; '|' separates job and candidate in screening result ids.
        if (id.Length is 0 or > 128 || id.Contains('/') || id.Contains('|') || id.Any(char.IsControl))
        {
            throw new ArgumentException($"The {what} id must be 1–128 printable characters without '/' or '|'.");
        }
        return id;
    }
}
