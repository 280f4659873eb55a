using TalentFlow.Contracts;

namespace TalentFlow.Silo.Endpoints;

/// <summary>Problems the routes return themselves, and the id check every route applies (thrown errors: <see cref="ApiExceptionHandler"/>).</summary>
internal static class ApiProblems
{
    public static IResult NotFound(string what) => Results.Problem($"{what} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>The title every 413 carries, whichever limit refused the body (the route's, Kestrel's or a document's).</summary>
    public const string TooLargeTitle = "Too large";

    /// <summary>413 with <paramref name="detail"/>, which names the limit and the setting that raises it.</summary>
    public static IResult TooLarge(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: TooLargeTitle);

    /// <summary>The title every 415 carries.</summary>
    public const string UnsupportedMediaTypeTitle = "Unsupported media type";

    /// <summary>415 with <paramref name="detail"/>, which says what to send instead.</summary>
    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: UnsupportedMediaTypeTitle);

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
