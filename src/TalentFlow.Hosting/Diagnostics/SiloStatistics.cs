using Orleans.Runtime;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>One silo's numbers for the dashboard: its grain methods (with latency histograms) and its process.</summary>
[GenerateSerializer]
[Immutable]
[Alias("TalentFlow.Hosting.Diagnostics.SiloStatistics")]
public sealed record SiloStatistics(IReadOnlyList<MethodStatistics> Methods, ProcessStatisticsSnapshot Process);

/// <summary>Each silo's statistics, asked of that silo (a grain service on every silo).</summary>
[Alias("TalentFlow.Hosting.Diagnostics.ISiloStatisticsGrainService")]
internal interface ISiloStatisticsGrainService : IGrainService
{
    [Alias("Get")]
    Task<SiloStatistics> GetAsync(CancellationToken cancellationToken);
}

[Orleans.Concurrency.Reentrant]
internal sealed class SiloStatisticsGrainService(GrainId grainId, Silo silo, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory, GrainCallStatistics statistics)
    : GrainService(grainId, silo, loggerFactory), ISiloStatisticsGrainService
{
    public Task<SiloStatistics> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SiloStatistics(statistics.Snapshot(), ProcessStatisticsSnapshot.Read()));
}

/// <summary>Reads every Active silo's statistics in parallel, only when asked (someone is watching): no aggregator grain.</summary>
public interface IClusterStatistics
{
    /// <summary>Per Active silo (address as <see cref="Cluster.IClusterView"/> names it): its statistics, or why they could not be read.</summary>
    Task<IReadOnlyDictionary<string, (SiloStatistics? Statistics, string? Error)>> CollectAsync(CancellationToken cancellationToken);
}

internal sealed class ClusterStatisticsClient(IServiceProvider services, IClusterMembershipService membership)
    : GrainServiceClient<ISiloStatisticsGrainService>(services), IClusterStatistics
{
    public async Task<IReadOnlyDictionary<string, (SiloStatistics? Statistics, string? Error)>> CollectAsync(CancellationToken cancellationToken)
    {
        var silos = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        var results = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                // A silo that does not answer within a second is shown as unreachable rather than holding the page.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(1));
                var stats = await GetGrainService(silo).GetAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                return (silo.ToParsableString(), ((SiloStatistics?)stats, (string?)null));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return (silo.ToParsableString(), ((SiloStatistics?)null, (string?)(ex.GetType().Name + ": " + ex.Message)));
            }
        })).ConfigureAwait(false);
        return results.ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
    }
}
