using Microsoft.AspNetCore.Mvc;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The 422 problem for a document whose text was extracted but is unfit to parse: <c>type</c>
/// <c>urn:talentflow:problem:document-{no-text|empty|garbled|columns-out-of-order}</c>, a title, the detail (what was detected
/// and what to do), <c>kind</c>, and <c>detected</c>: <c>{pages, characters, images, garbled_share, column_pages}</c>.
/// </summary>
internal static class DocumentProblems
{
    /// <summary>The problem for <paramref name="exception"/>, which carries an <see cref="ExtractionQuality"/>.</summary>
    public static ProblemDetails Unprocessable(DocumentException exception)
    {
        var quality = exception.Quality!;
        var (slug, title) = exception.Kind switch
        {
            DocumentErrorKind.NoText => ("no-text", "Scanned or image-only document"),
            DocumentErrorKind.Garbled => ("garbled", "Garbled document text"),
            DocumentErrorKind.ColumnsOutOfOrder => ("columns-out-of-order", "Columns read out of order"),
            _ => ("empty", "Document without text"),
        };
        return new ProblemDetails
        {
            Type = "urn:talentflow:problem:document-" + slug,
            Title = title,
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = exception.Message,
            Extensions =
            {
                ["kind"] = slug.Replace('-', '_'),
                ["detected"] = new Dictionary<string, object>
                {
                    ["pages"] = quality.Pages,
                    ["characters"] = quality.Characters,
                    ["images"] = quality.Images,
                    ["garbled_share"] = quality.GarbledShare,
                    ["column_pages"] = quality.ColumnPages,
                },
            },
        };
    }
}
