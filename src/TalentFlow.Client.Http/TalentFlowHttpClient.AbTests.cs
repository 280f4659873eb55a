using System.Net.Http.Json;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// Starts an A/B test of a model kind, or changes its share (<c>PUT /api/v1/models/{model}/ab-test</c>, admin): the
    /// challenger version scores <paramref name="share"/> of the candidates on every silo, by a stable hash of the candidate id.
    /// </summary>
    /// <param name="model">The model kind: <c>baseline_tfidf</c> or <c>semantic_scorer</c>.</param>
    /// <param name="version">The registered challenger version.</param>
    /// <param name="share">The challenger's share of the candidates, in (0, 1).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The test as stored.</returns>
    /// <exception cref="TalentFlowValidationException">A kind that cannot be split, or a share outside (0, 1).</exception>
    /// <exception cref="TalentFlowNotFoundException">The version is not registered.</exception>
    /// <exception cref="TalentFlowConflictException">The version is production, or another kind is under test.</exception>
    public Task<ModelAbTest> StartAbTestAsync(string model, string version, double share, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        return SendAsync(HttpMethod.Put, $"api/v1/models/{Segment(model, nameof(model))}/ab-test",
            JsonContent.Create(new AbTestBody(version, share), Json.AbTestBody), Json.ModelAbTest, cancellationToken);
    }

    /// <summary>The running A/B test of a model kind (<c>GET /api/v1/models/{model}/ab-test</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The kind is not under test.</exception>
    public Task<ModelAbTest> GetAbTestAsync(string model, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/{Segment(model, nameof(model))}/ab-test", Json.ModelAbTest, cancellationToken);

    /// <summary>Ends the A/B test of a model kind: production scores every candidate again (<c>DELETE /api/v1/models/{model}/ab-test</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ended test.</returns>
    /// <exception cref="TalentFlowNotFoundException">The kind is not under test.</exception>
    public Task<ModelAbTest> EndAbTestAsync(string model, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/models/{Segment(model, nameof(model))}/ab-test", null, Json.ModelAbTest, cancellationToken);

    /// <summary>
    /// Both arms' metrics from reviewers' verdicts: results, reviewed, agreement, shortlist precision, mean |score − reviewer
    /// score| (<c>GET /api/v1/models/{model}/ab-test/metrics</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The kind is not under test.</exception>
    public Task<AbTestReport> GetAbTestMetricsAsync(string model, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/{Segment(model, nameof(model))}/ab-test/metrics", Json.AbTestReport, cancellationToken);
}
