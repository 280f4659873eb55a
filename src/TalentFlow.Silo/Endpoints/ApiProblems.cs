namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Turns what grains throw for a caller's mistake into RFC 9457 problems: bad input → 400, unknown id → 404. Anything else
/// is left to the exception handler (a 500 means a bug, not bad input).
/// </summary>
internal static class ApiProblems
{
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    });

    public static IResult NotFound(string what) => Results.Problem($"{what} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Ids are grain keys: short, printable, no slash (it separates type and key on the wire).</summary>
    public static string? CheckId(string? id, string what)
    {
        if (id is null) return null;
        // '/' separates type and key on the wire; '|' separates job and candidate in screening result ids.
        if (id.Length is 0 or > 128 || id.Contains('/') || id.Contains('|') || id.Any(char.IsControl))
        {
            throw new ArgumentException($"The {what} id must be 1–128 printable characters without '/' or '|'.");
        }
        return id;
    }
}
