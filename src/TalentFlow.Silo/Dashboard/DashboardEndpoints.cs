using Orleans;
using Orleans.Runtime;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Diagnostics;
using TalentFlow.Silo.Endpoints;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// The dashboard page and the one JSON document it polls. The page is a static shell with no data, served to anyone (a browser
/// cannot send a header on the first load); it asks for the admin key, keeps it in sessionStorage and sends it as
/// <c>X-Api-Key</c> with every fetch of the overview, which is admin only.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Where the TalentFlow panels live, beside Orleans' dashboard at <c>/dashboard</c>.</summary>
    public const string PanelsPath = "/dashboard/talentflow";

    /// <summary>
    /// Where the page reads its data: the panels' routes (<c>/api/v1/dashboard/...</c>, for scripts) served again below the
    /// page's own path, so that a browser that signed in with Basic at <c>/dashboard</c> sends those credentials with the
    /// page's fetches (a protection space covers the paths below the one that was challenged) — one sign-in for both dashboards.
    /// </summary>
    public const string PanelsApiPath = PanelsPath + "/api";

    /// <summary>
    /// Maps an admin-only GET of the panels' data under <c>/api/v1/dashboard</c> and under <see cref="PanelsApiPath"/>; returns the
    /// first, the one the OpenAPI document describes, for its response metadata.
    /// </summary>
    internal static RouteHandlerBuilder MapPanelData(this IEndpointRouteBuilder app, string relative, Delegate handler)
    {
        app.MapGet(PanelsApiPath + relative, handler).RequireAuthorization(ApiPolicies.Admin).ExcludeFromDescription();
        return app.MapGet("/api/v1/dashboard" + relative, handler).RequireAuthorization(ApiPolicies.Admin);
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(PanelsPath, (HttpContext http) =>
        {
            // The page holds the admin key: no framing (the key form cannot be clickjacked), no script but its own, no caching.
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Page.Value.ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(Page.Value.Html, "text/html; charset=utf-8");
        }).AllowAnonymous();
        app.MapPanelData("/overview", async (IClusterStatistics statistics, IClusterView cluster, MatchingModels models, RecommendationModels recommendations, CareerModels careers, IGrainFactory grains,
            IReminderTable reminderTable, CancellationToken ct) =>
        {
            var collected = await statistics.CollectAsync(ct);
            var management = grains.GetGrain<IManagementGrain>(0);
            // Per silo and grain type (the type's name in the cluster, e.g. "job"): one entry per live activation.
            var activations = (await management.GetDetailedGrainStatistics(types: null, hostsIds: null, ct))
                .GroupBy(a => a.SiloAddress.ToParsableString())
                .ToDictionary(g => g.Key, g => g.GroupBy(a => a.GrainId.Type.ToString()!).ToDictionary(t => t.Key, t => t.Count()), StringComparer.Ordinal);
            var silos = cluster.Members().Where(m => m.IsActive).Select(m =>
            {
                collected.TryGetValue(m.Address, out var read);
                var byType = activations.GetValueOrDefault(m.Address) ?? new Dictionary<string, int>();
                return new SiloStatisticsResult(m, read.Statistics, read.Statistics is null ? read.Error ?? "no answer" : null, byType);
            }).ToList();
            var coordinator = grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
            var feedback = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName, ct);
            var versions = await TalentFlow.Grains.Training.Registry.ModelRegistries.GetVersionsAsync(grains, ct);
            var jobs = await coordinator.GetJobsAsync(ct);
            // The durable reminders of the whole cluster (one shared table), by grain and name; capped for the page.
            var reminders = (await reminderTable.ReadRows(0, uint.MaxValue, ct)).Reminders
                .OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal).ThenBy(r => r.ReminderName, StringComparer.Ordinal).Take(100)
                .Select(r => new ReminderOverview(r.GrainId.ToString(), r.ReminderName, new DateTimeOffset(r.StartAt, TimeSpan.Zero), r.Period.TotalSeconds)).ToList();
            return Results.Ok(new Overview(
                [.. silos.Select(s => new SiloOverview(s.Member.Address, s.Member.Name, s.Statistics is null ? "unreachable" : s.Member.Status, s.Member.Roles,
                    s.ActivationsByType.Values.Sum(), s.Statistics?.Methods.Sum(m => m.Calls) ?? 0, s.Statistics?.Methods.Sum(m => m.Failures) ?? 0, s.Error, s.Statistics?.Process,
                    s.ActivationsByType))],
                MergeMethods(silos),
                Endpoints.ServedModelVersions.Of(models, recommendations, careers),
                feedback,
                versions,
                [.. jobs.Take(10)],
                reminders));
        }).Produces<Overview>().ProducesProblems(503);
        app.MapScoreHistogram();
        app.MapRegistryPanel();
        return app;
    }

    /// <summary>Per grain method across silos: calls and errors add up; percentiles come from the merged histogram buckets.</summary>
    private static List<MethodOverview> MergeMethods(IReadOnlyList<SiloStatisticsResult> silos)
    {
        var merged = new Dictionary<(string, string), (long Calls, long Errors, long[] Histogram)>();
        foreach (var silo in silos)
        {
            foreach (var m in silo.Statistics?.Methods ?? [])
            {
                var key = (m.Interface, m.Method);
                if (!merged.TryGetValue(key, out var sum)) sum = (0, 0, new long[m.HistogramMicros.Length]);
                for (int i = 0; i < Math.Min(sum.Histogram.Length, m.HistogramMicros.Length); i++) sum.Histogram[i] += m.HistogramMicros[i];
                merged[key] = (sum.Calls + m.Calls, sum.Errors + m.Failures, sum.Histogram);
            }
        }
        return [.. merged.OrderByDescending(p => p.Value.Calls).Select(p => new MethodOverview(p.Key.Item1, p.Key.Item2, p.Value.Calls, p.Value.Errors,
            MethodStatistics.Quantile(p.Value.Histogram, 0.5), MethodStatistics.Quantile(p.Value.Histogram, 0.95), MethodStatistics.Quantile(p.Value.Histogram, 0.99)))];
    }

    /// <summary>One Active silo: who it is, its numbers (or why they could not be read), its activations per grain type.</summary>
    private sealed record SiloStatisticsResult(ClusterSilo Member, SiloStatistics? Statistics, string? Error, IReadOnlyDictionary<string, int> ActivationsByType);

    private static readonly Lazy<DashboardPage> Page = new(() =>
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("TalentFlow.Silo.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded.");
        using var reader = new StreamReader(stream);
        return DashboardPage.Of(reader.ReadToEnd());
    });

    internal sealed record Overview(IReadOnlyList<SiloOverview> Silos, IReadOnlyList<MethodOverview> Methods, IReadOnlyDictionary<string, string> ModelVersions,
        TrainingStatus Feedback, IReadOnlyList<ModelVersionInfo> Registry, IReadOnlyList<TrainingJobInfo> TrainingJobs, IReadOnlyList<ReminderOverview> Reminders);

    internal sealed record ReminderOverview(string Grain, string Name, DateTimeOffset StartAt, double PeriodSeconds);

    internal sealed record SiloOverview(string Id, string? Name, string Status, IReadOnlyList<string> Roles, int Activations, long Calls, long Errors, string? Error,
        ProcessStatisticsSnapshot? Process, IReadOnlyDictionary<string, int> ActivationsByType);

    internal sealed record MethodOverview(string GrainType, string Method, long Calls, long Errors, double P50Micros, double P95Micros, double P99Micros);
}
