using System.Net;
using System.Text.Json;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// Pulls <c>/rt/stats</c> from every Active silo, in parallel, only when asked (someone is watching): no aggregator grain,
/// no hot spot. A silo that does not answer within a second is shown as unreachable rather than holding the page.
/// </summary>
internal sealed class ClusterStatistics(TalentFlow.Runtime.Hosting.Silo silo) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(1),
    };

    public async Task<IReadOnlyList<SiloStatisticsResult>> CollectAsync(CancellationToken cancellationToken)
    {
        var members = silo.Members.Where(m => m.Status == SiloStatus.Active).ToList();
        return await Task.WhenAll(members.Select(async member =>
        {
            try
            {
                var stats = await _http.GetFromJsonAsync<SiloStatisticsSnapshot>($"http://{member.Silo.Endpoint}/rt/stats", Json, cancellationToken).ConfigureAwait(false);
                return new SiloStatisticsResult(member.Silo.ToString(), stats, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                return new SiloStatisticsResult(member.Silo.ToString(), null, ex.Message);
            }
        })).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One silo's statistics, or why they could not be read.</summary>
internal sealed record SiloStatisticsResult(string Silo, SiloStatisticsSnapshot? Statistics, string? Error);
