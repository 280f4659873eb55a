using TalentFlow.Runtime;
using System.Text.Json.Serialization.Metadata;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Messaging;

namespace TalentFlow.Client;

/// <summary>
/// A connection to a cluster from outside it (Orleans: <c>IClusterClient</c>): reads membership from a gateway and sends each
/// call straight to the silo that owns the grain, over HTTP/2. Fails over to other gateways when one dies.
/// </summary>
public sealed class ClusterClient : IGrainFactory, IAsyncDisposable
{
    private readonly GatewayClusterView _view;
    private readonly RemoteGrainInvoker _remote;
    private readonly GrainFactory _factory;

    private ClusterClient(ClientOptions options, IEnumerable<IJsonTypeInfoResolver> resolvers, IGatewayListProvider? gatewayProvider, TimeProvider time)
    {
        var json = GrainJsonOptions.Create(resolvers);
        _remote = new RemoteGrainInvoker(json, options.ResponseTimeout, options.MaxMessageSize, time);
        _view = new GatewayClusterView(_remote.Http, options, time, gatewayProvider);
        _factory = new GrainFactory(new GrainCallRouter(_view, _remote, local: null), () => _view.Manifest);
    }

    /// <summary>Connects: reads membership and the manifest from the first gateway that answers.</summary>
    /// <param name="options">Gateways and timeouts.</param>
    /// <param name="resolvers">Source-generated JSON contexts for grain arguments and results (the same ones the silos use).</param>
    /// <param name="gatewayProvider">Reads gateways from the membership table instead of (or besides) <see cref="ClientOptions.Gateways"/>.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    public static async Task<ClusterClient> ConnectAsync(
        ClientOptions options,
        IEnumerable<IJsonTypeInfoResolver>? resolvers = null,
        IGatewayListProvider? gatewayProvider = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new ClusterClient(options, resolvers ?? [], gatewayProvider, timeProvider ?? TimeProvider.System);
        try
        {
            await client._view.RefreshAsync(-1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        client._view.StartRefreshing();
        return client;
    }

    /// <summary>The gateway the client last read membership from.</summary>
    public string? CurrentGateway => _view.CurrentGateway;

    /// <summary>The silos the client currently sees as Active.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos => _view.View.ActiveSilos;

    /// <summary>Rereads membership now.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => _view.RefreshAsync(-1, cancellationToken);

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrain => _factory.GetGrain<TGrainInterface>(key);

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain => _factory.GetGrain<TGrainInterface>(grainId);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _view.Dispose();
        _remote.Dispose();
        return ValueTask.CompletedTask;
    }
}
