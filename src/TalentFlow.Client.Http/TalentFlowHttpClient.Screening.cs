using System.Net.Http.Headers;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// Uploads a resume file for a job and screens it (<c>POST /api/v1/screening/upload-resume</c>, recruiter, multipart): the
    /// server reads the document (PDF, DOCX or TXT, recognised by content), stores a new candidate and keeps the result.
    /// </summary>
    /// <param name="jobId">The job to screen against.</param>
    /// <param name="resume">The file's bytes, read from its current position; streamed, not buffered, and not disposed.</param>
    /// <param name="fileName">The file's name (e.g. <c>cv.pdf</c>), kept for the audit trail.</param>
    /// <param name="candidateName">The candidate's display name; null uses the file name without its extension.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">The file is unreadable (400), over 10 MiB (413), not a supported type (415), or
    /// its text is unfit to parse (422: scanned or image-only, empty, garbled, columns out of order; <see cref="TalentFlowApiException.Problem"/>
    /// carries <c>kind</c> and <c>detected</c>: pages, characters, images, garbled_share, column_pages). No candidate is created then.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<ScreeningResult> UploadResumeAsync(string jobId, Stream resume, string fileName, string? candidateName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var file = new ResumeContent(resume);
        file.Headers.ContentType = new MediaTypeHeaderValue(MediaTypeOf(fileName));
        var form = new MultipartFormDataContent
        {
            { new StringContent(jobId), "job_id" },
            { file, "file", fileName },
        };
        if (candidateName is not null) form.Add(new StringContent(candidateName), "candidate_name");
        return SendAsync(HttpMethod.Post, "api/v1/screening/upload-resume", form, Json.ScreeningResult, cancellationToken);
    }

    /// <summary>A job's screening results, newest first (<c>GET /api/v1/screening/results/{job_id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such job.</exception>
    public Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/screening/results/{Segment(jobId, nameof(jobId))}", Json.IReadOnlyListScreeningResult, cancellationToken);

    /// <summary>
    /// Records a reviewer's verdict on a screening result (<c>POST /api/v1/feedback/submit</c>, reviewer): the result becomes
    /// human-reviewed and the verdict counts toward training. Submitting again replaces the verdict.
    /// </summary>
    /// <param name="screeningResultId">The result's <see cref="ScreeningResult.Id"/>.</param>
    /// <param name="feedback"><c>shortlist</c> or <c>reject</c> (or a score in [0, 1]), notes, reviewer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">The verdict is malformed.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such screening result.</exception>
    public Task<FeedbackReceipt> SubmitFeedbackAsync(string screeningResultId, ReviewerFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(screeningResultId);
        ArgumentNullException.ThrowIfNull(feedback);
        var body = new FeedbackBody(screeningResultId, feedback.HumanDecision, feedback.HumanScore, feedback.Notes, feedback.Reviewer);
        return PostAsync("api/v1/feedback/submit", body, Json.FeedbackBody, Json.FeedbackReceipt, cancellationToken);
    }

    /// <summary>How many labelled samples a model kind has and whether that is enough to train (<c>GET /api/v1/feedback/training-status</c>, reviewer).</summary>
    /// <param name="model">The model kind; null: the baseline.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<TrainingStatus> GetTrainingStatusAsync(string? model = null, CancellationToken cancellationToken = default) =>
        GetAsync(model is null ? "api/v1/feedback/training-status" : $"api/v1/feedback/training-status?model={Uri.EscapeDataString(model)}",
            Json.TrainingStatus, cancellationToken);

    private static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}
