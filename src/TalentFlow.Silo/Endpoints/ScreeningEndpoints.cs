using Microsoft.AspNetCore.Http.Features;
using TalentFlow.Grains;
using TalentFlow.ML.Documents;
using TalentFlow.Runtime;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Seed 002's screening routes: upload a resume for a job and get the screening result (<see cref="ApiPolicies.Upload"/>);
/// list a job's results (<see cref="ApiPolicies.Read"/>).
/// </summary>
internal static class ScreeningEndpoints
{
    /// <summary>Largest upload: the document reader's own limit, plus room for the form's other fields.</summary>
    private const long MaxUploadBytes = 10 * 1024 * 1024 + 64 * 1024;

    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var screening = app.MapGroup("/api/v1/screening");
        screening.MapPost("/upload-resume", UploadResumeAsync).DisableAntiforgery().RequireAuthorization(ApiPolicies.Upload);
        screening.MapGet("/results/{jobId}", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
        {
            var job = grains.GetGrain<IJobGrain>(ApiProblems.CheckId(jobId, "job")!);
            return await job.GetAsync(ct) is null ? ApiProblems.NotFound($"Job '{jobId}'") : Results.Ok(await job.GetScreeningResultsAsync(ct));
        }).RequireAuthorization(ApiPolicies.Read);
        return app;
    }

    private static async Task<IResult> UploadResumeAsync(HttpContext context, IGrainFactory grains, CancellationToken ct)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Results.Problem("Send multipart/form-data with 'file', 'job_id' and 'candidate_name'.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        if (request.ContentLength > MaxUploadBytes)
        {
            return Results.Problem($"The upload is over {MaxUploadBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
        var features = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (features is { IsReadOnly: false }) features.MaxRequestBodySize = MaxUploadBytes;
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }, ct);
        string jobId = ApiProblems.CheckId(form["job_id"].ToString() is { Length: > 0 } j ? j : throw new ArgumentException("The form has no 'job_id'."), "job")!;
        var file = form.Files.GetFile("file") ?? throw new ArgumentException("The form has no 'file'.");
        string name = form["candidate_name"].ToString();
        var job = grains.GetGrain<IJobGrain>(jobId);
        if (await job.GetAsync(ct) is null) return ApiProblems.NotFound($"Job '{jobId}'");

        // An unreadable document throws DocumentException, which ApiExceptionHandler turns into 400, 413, 415 or 503.
        ExtractedDocument document;
        await using (var stream = file.OpenReadStream())
        {
            document = await new DocumentReader().ReadAsync(stream, file.FileName, ct);
        }

        string candidateId = "cand-" + Guid.NewGuid().ToString("N")[..12];
        await grains.GetGrain<ICandidateGrain>(candidateId).UpsertResumeAsync(
            new CandidateResume(string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(file.FileName) : name, document.Text, file.FileName), ct);
        var result = await job.ScreenAsync(candidateId, ct);
        return Results.Created($"/api/v1/screening/results/{jobId}", result);
    }
}
