using System.Net;
using System.Net.Http.Json;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Grains;

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
            return await SendAsync(HttpMethod.Get, "health/ready", null, static request => request.Options.Set(RetryHandler.NoRetry, true), static async (response, ct) =>
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
