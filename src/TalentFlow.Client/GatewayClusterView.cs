using TalentFlow.Runtime;
using System.Text.Json;
using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Messaging;
using TalentFlow.Runtime.Placement;

namespace TalentFlow.Client;

/// <summary>
/// A client's view of the cluster, read from any live gateway: membership (to route each call straight to its owner) and the
/// manifest. When a gateway stops answering, the next known one is asked; Active silos seen in membership become gateways too.
/// </summary>
internal sealed class GatewayClusterView : IClusterView, IDisposable
{
    private readonly HttpClient _http;
    private readonly ClientOptions _options;
    private readonly TimeProvider _time;
    private readonly IGatewayListProvider? _gatewayProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _gateways;
    private volatile MembershipView _view = MembershipView.Empty;
    private ClusterManifest? _manifest;
    private int _current;
    private ITimer? _timer;

    public GatewayClusterView(HttpClient http, ClientOptions options, TimeProvider time, IGatewayListProvider? gatewayProvider)
    {
        _http = http;
        _options = options;
        _time = time;
        _gatewayProvider = gatewayProvider;
        _gateways = [.. options.Gateways];
    }

    public MembershipView View => _view;

    public ClusterManifest Manifest => _manifest ?? throw new InvalidOperationException("The client is not connected.");

    public string? CurrentGateway
    {
        get { lock (_gateways) return _gateways.Count == 0 ? null : _gateways[_current % _gateways.Count]; }
    }

    public GrainTypePlacement? GetPlacement(string grainType) => _manifest?.GrainTypes.GetValueOrDefault(grainType);

    public void StartRefreshing() =>
        _timer = _time.CreateTimer(static s => _ = ((GatewayClusterView)s!).RefreshQuietlyAsync(), this, _options.RefreshInterval, _options.RefreshInterval);

    public async Task RefreshAsync(long minVersion, CancellationToken cancellationToken)
    {
        if (minVersion >= 0 && _view.Version >= minVersion) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (minVersion >= 0 && _view.Version >= minVersion) return;
            await RefreshCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshCoreAsync(CancellationToken cancellationToken)
    {
        if (_gatewayProvider is not null)
        {
            foreach (var gateway in await _gatewayProvider.GetGatewaysAsync(cancellationToken).ConfigureAwait(false)) AddGateway(gateway);
        }
        string[] candidates;
        int start;
        lock (_gateways)
        {
            candidates = [.. _gateways];
            start = _current;
        }
        if (candidates.Length == 0) throw new SiloUnavailableException("The client knows no gateway: set ClientOptions.Gateways or a gateway list provider.");
        Exception? last = null;
        for (int i = 0; i < candidates.Length; i++)
        {
            int index = (start + i) % candidates.Length;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.GatewayTimeout);
                string baseUri = string.Concat("http://", candidates[index]);
                var snapshot = await GetAsync(baseUri + "/rt/membership", RuntimeJsonContext.Default.MembershipSnapshot, timeout.Token).ConfigureAwait(false);
                _manifest ??= await GetAsync(baseUri + "/rt/manifest", RuntimeJsonContext.Default.ClusterManifest, timeout.Token).ConfigureAwait(false);
                Apply(snapshot);
                lock (_gateways) _current = index;
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
        }
        throw new SiloUnavailableException($"No gateway answered ({string.Join(", ", candidates)}): {last?.Message}", last);
    }

    private async Task<T> GetAsync<T>(string uri, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new JsonException("Empty response.");
    }

    private void Apply(MembershipSnapshot snapshot)
    {
        if (snapshot.Version < _view.Version) return;
        var now = _time.GetUtcNow();
        var entries = snapshot.Silos.Select(s => new MembershipEntry
        {
            Silo = SiloAddress.Parse(s.Silo),
            SiloName = s.Name,
            Status = Enum.TryParse<SiloStatus>(s.Status, out var status) ? status : SiloStatus.None,
            Roles = s.Roles,
            StartTime = now,
            IAmAliveTime = now,
        }).ToList();
        _view = new MembershipView(snapshot.Version, entries);
        foreach (var entry in entries)
        {
            if (entry.Status == SiloStatus.Active) AddGateway(entry.Silo.Endpoint);
        }
    }

    private void AddGateway(string endpoint)
    {
        lock (_gateways)
        {
            if (!_gateways.Contains(endpoint)) _gateways.Add(endpoint);
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(-1, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or ObjectDisposedException)
        {
            // The next refresh tries again; calls meanwhile use the last view.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _gate.Dispose();
    }
}
