using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Hosting.Diagnostics;
using TalentFlow.ML.Documents;
using TalentFlow.Silo.Security;
using TalentFlow.Silo.Uploads;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Seed 002's screening routes: upload a resume for a job and get the screening result (<see cref="ApiPolicies.Upload"/>);
/// list a job's results (<see cref="ApiPolicies.Read"/>).
/// </summary>
internal static class ScreeningEndpoints
{
    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var screening = app.MapGroup("/api/v1/screening");
        screening.MapPost("/upload-resume", UploadResumeAsync).DisableAntiforgery().RequireAuthorization(ApiPolicies.Upload)
            .AcceptsForm(["file", "job_id"],
                ("file", "file: The resume: PDF, DOCX or plain text; its type is read from its bytes, not its name (Uploads:MaxBytes)."),
                ("job_id", "The job to screen the resume against."),
                ("candidate_name", "The candidate's name (default: the file's name without its extension)."))
            .ProducesCreated<ScreeningResult>().ProducesProblems(400, 404, 413, 415, 422, 503);
        screening.MapGet("/results/{jobId}", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
        {
            var job = grains.GetGrain<IJobGrain>(ApiProblems.CheckId(jobId, "job")!);
            return await job.GetAsync(ct) is null ? ApiProblems.NotFound($"Job '{jobId}'") : Results.Ok(await job.GetScreeningResultsAsync(ct));
        }).RequireAuthorization(ApiPolicies.Read).Produces<IReadOnlyList<ScreeningResult>>().ProducesProblems(400, 404, 503);
        return app;
    }

    /// <summary>
    /// Limits first (Content-Length, then the body as it streams: chunked bodies have no length), then the form (malformed →
    /// 400), then the file: its type comes from its bytes (<see cref="DocumentSniffer"/>), not its name.
    /// </summary>
    private static async Task<IResult> UploadResumeAsync(HttpContext context, IGrainFactory grains, IOptions<UploadOptions> options,
        [FromKeyedServices(UploadServiceCollectionExtensions.ReaderKey)] DocumentReader reader, TalentFlowMetrics metrics, CancellationToken ct)
    {
        var request = context.Request;
        long limit = options.Value.MaxRequestBytes;
        if (!request.HasFormContentType)
        {
            return ApiProblems.UnsupportedMediaType("Send multipart/form-data with 'file', 'job_id' and 'candidate_name'.");
        }
        if (request.ContentLength > limit)
        {
            return ApiProblems.TooLarge($"The upload is {request.ContentLength:N0} bytes; the limit is {options.Value.MaxBytes:N0} bytes for the file (Uploads:MaxBytes).");
        }
        var features = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (features is { IsReadOnly: false }) features.MaxRequestBodySize = limit;
        request.Body = new LengthLimitedStream(request.Body, limit);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, BufferBodyLengthLimit = limit }, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without a Content-Length (chunked) is only found too large while it streams: the same answer as above.
            return ApiProblems.TooLarge($"The upload is larger than the limit of {options.Value.MaxBytes:N0} bytes for the file (Uploads:MaxBytes); "
                + $"the body was stopped at {limit:N0} bytes, the file plus {UploadOptions.FormOverheadBytes:N0} bytes for the form's other fields.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return Results.Problem($"The multipart form could not be read: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed form");
        }
        string jobId = ApiProblems.CheckId(form["job_id"].ToString() is { Length: > 0 } j ? j : throw new ArgumentException("The form has no 'job_id'."), "job", "job_id")!;
        var file = form.Files.GetFile("file") ?? throw new ArgumentException("The form has no 'file'.");
        string name = form["candidate_name"].ToString();
        var job = grains.GetGrain<IJobGrain>(jobId);
        if (await job.GetAsync(ct) is null) return ApiProblems.NotFound($"Job '{jobId}'");

        // An unreadable document throws DocumentException, which ApiExceptionHandler turns into a problem (DocumentProblems):
        // 400, 413, 415 (what the bytes are), 422 (unsafe, too slow to read, or scanned, empty, garbled or out-of-order text,
        // with what was detected) or 503; no candidate is created then.
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        ExtractedDocument document;
        await using (var stream = file.OpenReadStream())
        {
            document = await reader.ReadAsync(stream, file.FileName, ct);
        }

        string candidateId = "cand-" + Guid.NewGuid().ToString("N")[..12];
        await grains.GetGrain<ICandidateGrain>(candidateId).UpsertResumeAsync(
            new CandidateResume(string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(file.FileName) : name, document.Text, file.FileName, document.Quality?.Score), ct);
        var result = await job.ScreenAsync(candidateId, ct);
        metrics.UploadScreened(result.Decision, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return Results.Created($"/api/v1/screening/results/{Uri.EscapeDataString(jobId)}", result);
    }
}
