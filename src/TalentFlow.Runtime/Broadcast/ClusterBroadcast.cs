namespace TalentFlow.Runtime.Broadcast;

/// <summary>
/// Receives the messages of one broadcast channel on every silo (e.g. model-version fan-out). Register with
/// <c>services.AddSingleton&lt;IBroadcastHandler, MyHandler&gt;()</c>.
/// </summary>
public interface IBroadcastHandler
{
    /// <summary>The channel name, e.g. <c>model-versions</c>.</summary>
    string Channel { get; }

    /// <summary>Handles one message; must be idempotent (a publisher may resend).</summary>
    Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the silo becomes Active, before it takes calls' broadcasts: load what was published before it joined
    /// from the source of truth (e.g. the model registry's Production versions).
    /// </summary>
    Task CatchUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The outcome of a broadcast: which Active silos took it and which failed.</summary>
/// <param name="Delivered">Silos whose handler returned.</param>
/// <param name="Failed">Silos that could not be reached or whose handler threw, with the reason.</param>
public sealed record BroadcastResult(IReadOnlyList<string> Delivered, IReadOnlyDictionary<string, string> Failed);

/// <summary>Sends a message to every Active silo, this one included (Orleans: a broadcast channel).</summary>
public interface IClusterBroadcaster
{
    /// <summary>Delivers <paramref name="payload"/> to the channel's handler on every Active silo.</summary>
    Task<BroadcastResult> BroadcastAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
