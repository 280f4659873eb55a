using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Broadcast;

/// <summary>Delivers broadcasts to every Active silo in the view: this one directly, others through their endpoint.</summary>
internal sealed class ClusterBroadcaster(SiloRuntime runtime, IEnumerable<IBroadcastHandler> handlers) : IClusterBroadcaster
{
    private readonly Dictionary<string, IBroadcastHandler> _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);

    public async Task<BroadcastResult> BroadcastAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var delivered = new List<string>();
        var failed = new Dictionary<string, string>();
        var silos = runtime.View.ActiveSilos;
        await Task.WhenAll(silos.Select(async silo =>
        {
            string? error = null;
            try
            {
                if (silo == runtime.LocalAddress)
                {
                    if (!await DeliverLocalAsync(channel, payload, cancellationToken).ConfigureAwait(false)) error = $"no handler for channel '{channel}'";
                }
                else
                {
                    using var content = new ReadOnlyMemoryContent(payload);
                    using var response = await PostAsync(silo.Endpoint, channel, content, cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode) error = $"HTTP {(int)response.StatusCode}";
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                runtime.Log.BroadcastFailed(ex, channel, silo);
                error = ex.Message;
            }
            lock (delivered)
            {
                if (error is null) delivered.Add(silo.ToString());
                else failed[silo.ToString()] = error;
            }
        })).ConfigureAwait(false);
        return new BroadcastResult(delivered, failed);
    }

    private Task<HttpResponseMessage> PostAsync(string endpoint, string channel, HttpContent content, CancellationToken cancellationToken) =>
        runtime.Membership.Http.PostAsync(string.Concat("http://", endpoint, "/rt/broadcast/", Uri.EscapeDataString(channel)), content, cancellationToken);

    public async Task<bool> DeliverLocalAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(channel, out var handler)) return false;
        await handler.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers.Values)
        {
            try
            {
                await handler.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                runtime.Log.CatchUpFailed(ex, handler.Channel);
            }
        }
    }
}
