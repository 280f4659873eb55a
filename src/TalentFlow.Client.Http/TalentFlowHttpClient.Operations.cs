using System.Net;
using System.Net.Http.Json;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// Starts training a model kind on a trainer silo (<c>POST /api/v1/feedback/trigger-training</c>, admin) when enough
    /// feedback is in, or regardless when <paramref name="force"/>.
    /// </summary>
    /// <param name="model">The model kind; null: the baseline.</param>
    /// <param name="force">Train even below the feedback threshold.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a job started, why, and its id (follow it with <see cref="GetTrainingJobAsync"/>).</returns>
    public Task<TriggerResult> TriggerTrainingAsync(string? model = null, bool force = false, CancellationToken cancellationToken = default) =>
        PostAsync("api/v1/feedback/trigger-training", new TriggerBody(model, force), Json.TriggerBody, Json.TriggerResult, cancellationToken);

    /// <summary>A training job: status, progress, metrics, the version it registered (<c>GET /api/v1/training/jobs/{id}</c>, admin).</summary>
    /// <param name="trainingJobId">The id <see cref="TriggerTrainingAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such training job.</exception>
    public Task<TrainingJobInfo> GetTrainingJobAsync(string trainingJobId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/training/jobs/{Segment(trainingJobId, nameof(trainingJobId))}", Json.TrainingJobInfo, cancellationToken);

    /// <summary>The model registry: every model kind with its versions, stages and metrics (<c>GET /api/v1/models</c>, admin).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/models", Json.IReadOnlyListModelSummary, cancellationToken);

    /// <summary>
    /// Makes a registered version production — a promotion or a rollback — and fans it out to every silo
    /// (<c>POST /api/v1/models/{model}/versions/{version}/promote</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="version">The registered version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such version.</exception>
    public Task<PromotionResult> PromoteModelAsync(string model, string version, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/models/{Segment(model, nameof(model))}/versions/{Segment(version, nameof(version))}/promote", null,
            Json.PromotionResult, cancellationToken);

    /// <summary>Two registered versions side by side, with B's metrics minus A's (<c>GET /api/v1/models/{model}/compare</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="a">The first version.</param>
    /// <param name="b">The second version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">Either version is not registered.</exception>
    public Task<ModelComparison> CompareModelsAsync(string model, string a, string b, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/{Segment(model, nameof(model))}/compare?a={Segment(a, nameof(a))}&b={Segment(b, nameof(b))}", Json.ModelComparison, cancellationToken);

    /// <summary>
    /// Rolls a model kind back to the production version before the current one, and fans it out to every silo
    /// (<c>POST /api/v1/models/{model}/rollback</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version now in production.</returns>
    /// <exception cref="TalentFlowNotFoundException">The model kind has no production version.</exception>
    /// <exception cref="TalentFlowConflictException">There is no earlier production version.</exception>
    public Task<PromotionResult> RollbackModelAsync(string model, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/models/{Segment(model, nameof(model))}/rollback", null, Json.PromotionResult, cancellationToken);

    /// <summary>
    /// Registers a model artifact made outside the learning loop (for instance by <c>talentflow train baseline</c>) as a new
    /// version in stage None, or in Production when <paramref name="activate"/> (<c>PUT /api/v1/models/{model}/versions/{version}</c>, admin).
    /// The API checks that the artifact loads as that model kind before it stores it.
    /// </summary>
    /// <param name="model">The model kind, e.g. <c>baseline_tfidf</c>.</param>
    /// <param name="version">The new version id (an encoder's must equal the version its artifact names).</param>
    /// <param name="artifact">The artifact's bytes; read to the end, not disposed.</param>
    /// <param name="activate">Promote it and fan it out at once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">Not a valid artifact of that kind, or an unknown kind.</exception>
    /// <exception cref="TalentFlowConflictException">The version already exists.</exception>
    public Task<PromotionResult> RegisterModelAsync(string model, string version, Stream artifact, bool activate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var content = new StreamContent(artifact);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        // Never retried: the body is a stream read once, and a second attempt after a lost answer would meet a 409.
        return SendAsync(HttpMethod.Put, $"api/v1/models/{Segment(model, nameof(model))}/versions/{Segment(version, nameof(version))}{(activate ? "?activate=true" : "")}",
            content, static request => request.Options.Set(RetryPipeline.NoRetry, true), static async (response, ct) =>
                await response.Content.ReadFromJsonAsync(Json.PromotionResult, ct).ConfigureAwait(false)
                ?? throw new System.Text.Json.JsonException("The TalentFlow API answered a registration with an empty body."), cancellationToken);
    }

    /// <summary>
    /// The labelled screening results with their texts and verdicts, for training outside the cluster
    /// (<c>GET /api/v1/feedback/export</c>, admin; holds resume texts, so treat the answer as personal data).
    /// </summary>
    /// <param name="filter">Which verdicts; null: every labelled result.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException">A filter value out of range.</exception>
    public Task<IReadOnlyList<TrainingSample>> ExportTrainingSamplesAsync(TrainingSampleFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new TrainingSampleFilter();
        var query = new System.Text.StringBuilder("api/v1/feedback/export?status=").Append(Uri.EscapeDataString(filter.Status));
        if (filter.Days is { } days) query.Append("&days=").Append(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (filter.MinConfidence > 0) query.Append("&min_confidence=").Append(filter.MinConfidence.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return GetAsync(query.ToString(), Json.IReadOnlyListTrainingSample, cancellationToken);
    }

    /// <summary>Every training job the coordinator remembers, newest first (<c>GET /api/v1/training/jobs</c>, admin).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<TrainingJobInfo>> GetTrainingJobsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/training/jobs", Json.IReadOnlyListTrainingJobInfo, cancellationToken);

    /// <summary>The silos of the cluster with roles, status and model versions (<c>GET /api/v1/cluster/silos</c>, admin).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/cluster/silos", Json.IReadOnlyListSiloInfo, cancellationToken);

    /// <summary>
    /// Whether the silo behind the API is ready (<c>GET /health/ready</c>, anonymous). A probe answers now: it is never
    /// retried, and "not ready" (503) is an answer, not an exception.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, "health/ready", null, static request => request.Options.Set(RetryPipeline.NoRetry, true), static async (response, ct) =>
            {
                var body = await response.Content.ReadFromJsonAsync(Json.HealthBody, ct).ConfigureAwait(false);
                return new HealthReport(true, body?.Status ?? "ready");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TalentFlowApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return new HealthReport(false, ex.Detail ?? ex.Title ?? "unavailable");
        }
    }
}
