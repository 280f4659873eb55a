using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Silo.Endpoints;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// <c>GET /api/v1/dashboard/registry</c> (admin): the data of the dashboard's registry panels — per model kind, one metric
/// over its versions in registration order (<c>roc_auc</c> when any version has it, else the metric most versions have), and
/// the latest registry events.
/// </summary>
internal static class RegistryPanelEndpoint
{
    /// <summary>How many events the panel lists: 20.</summary>
    public const int Events = 20;

    /// <summary>The metric preferred for the chart: what the learning loop's gate compares.</summary>
    public const string PreferredMetric = "roc_auc";

    public static IEndpointRouteBuilder MapRegistryPanel(this IEndpointRouteBuilder app)
    {
        app.MapPanelData("/registry", async (IGrainFactory grains, CancellationToken ct) =>
        {
            var versions = await ModelRegistries.GetVersionsAsync(grains, ct);
            var events = await ModelRegistries.GetEventsAsync(grains, Events, ct);
            return Results.Ok(new RegistryPanel([.. SeriesOf(versions)], events));
        }).Produces<RegistryPanel>().ProducesProblems(503);
        return app;
    }

    /// <summary>One series per model kind with a metric: a point per version that has it, oldest first.</summary>
    internal static IEnumerable<MetricSeries> SeriesOf(IEnumerable<ModelVersionInfo> versions)
    {
        foreach (var model in versions.GroupBy(v => v.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var counts = model.SelectMany(v => v.Metrics.Keys).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (counts.Count == 0) continue;
            string metric = counts.ContainsKey(PreferredMetric)
                ? PreferredMetric
                : counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
            var points = model.Where(v => v.Metrics.TryGetValue(metric, out var x) && double.IsFinite(x)).OrderBy(v => v.CreatedAt)
                .Select(v => new MetricPoint(v.Version, v.Metrics[metric], v.Stage, v.CreatedAt)).ToList();
            yield return new MetricSeries(model.Key, metric, points);
        }
    }

    internal sealed record RegistryPanel(IReadOnlyList<MetricSeries> Series, IReadOnlyList<RegistryEvent> Events);

    internal sealed record MetricSeries(string Model, string Metric, IReadOnlyList<MetricPoint> Points);

    internal sealed record MetricPoint(string Version, double Value, string Stage, DateTimeOffset CreatedAt);
}
