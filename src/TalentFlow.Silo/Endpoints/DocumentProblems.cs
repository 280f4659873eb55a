using Microsoft.AspNetCore.Mvc;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// How an unreadable upload is answered. By kind (<see cref="Refusal"/>): past a size limit (the file, a DOCX's parts or
/// inflated size, a PDF's pages or characters) → 413; not a PDF, DOCX or text → 415; built to exhaust a reader (a DOCX bomb
/// or DTD, XML nested too deep, a PDF whose extraction passes its memory or time limit) → 422; damaged or encrypted → 400;
/// pdftotext missing → 503. The 422 problem for a document whose text was extracted but is unfit to parse: <c>type</c>
/// <c>urn:talentflow:problem:document-{no-text|empty|garbled|columns-out-of-order}</c>, a title, the detail (what was detected
/// and what to do), <c>kind</c>, and <c>detected</c>: <c>{pages, characters, images, garbled_share, column_pages}</c>.
/// </summary>
internal static class DocumentProblems
{
    /// <summary>The status, title and detail for <paramref name="exception"/> when it carries no <see cref="ExtractionQuality"/>.</summary>
    public static (int Status, string Title, string Detail) Refusal(DocumentException exception) => exception.Kind switch
    {
        DocumentErrorKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, ApiProblems.TooLargeTitle, exception.Message),
        DocumentErrorKind.UnknownFormat or DocumentErrorKind.Binary or DocumentErrorKind.ContentMismatch =>
            (StatusCodes.Status415UnsupportedMediaType, "Unsupported document", exception.Message),
        // A PDF that outlasts its time limit is treated like one that outgrows its memory: the document, not the server, is
        // at fault, so a retry would fail the same way (a 503 would invite one).
        DocumentErrorKind.Unsafe or DocumentErrorKind.Timeout => (StatusCodes.Status422UnprocessableEntity, "Unsafe document", exception.Message),
        DocumentErrorKind.ToolMissing => (StatusCodes.Status503ServiceUnavailable, "Cannot read documents now", exception.Message),
        _ => (StatusCodes.Status400BadRequest, "Unreadable document", exception.Message),
    };

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
