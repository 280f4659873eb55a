namespace TalentFlow.Silo.Endpoints;

/// <summary>Problems the routes return themselves, and the id check every route applies (thrown errors: <see cref="ApiExceptionHandler"/>).</summary>
internal static class ApiProblems
{
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
