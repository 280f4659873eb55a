namespace TalentFlow.Hosting.Broadcast;

/// <summary>
/// Receives the messages of one broadcast channel on every silo (e.g. model-version fan-out). Register with
/// <c>services.AddSingleton&lt;IBroadcastHandler, MyHandler&gt;()</c> on each silo.
/// </summary>
public interface IBroadcastHandler
{
    /// <summary>The channel name, e.g. <c>model-versions</c>.</summary>
    string Channel { get; }

    /// <summary>Handles one message; must be idempotent (a publisher may resend, a late silo may also catch up).</summary>
    Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Called once on each silo right after it becomes Active: load what was published before it joined from the source of
    /// truth (e.g. the model registry's Production versions). A failure is logged, never stops the silo.
    /// </summary>
    Task CatchUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The outcome of a broadcast: which Active silos took it and which failed, and why.</summary>
/// <param name="Delivered">Silos (their address) whose handler returned.</param>
/// <param name="Failed">Silos that could not be reached or whose handler threw, with the reason.</param>
[GenerateSerializer]
[Immutable]
[Alias("TalentFlow.Hosting.Broadcast.BroadcastResult")]
public sealed record BroadcastResult(IReadOnlyList<string> Delivered, IReadOnlyDictionary<string, string> Failed)
{
    /// <summary>True when every Active silo took the message.</summary>
    public bool AllDelivered => Failed.Count == 0;
}

/// <summary>Sends a message to every Active silo, this one included, and reports each silo's outcome.</summary>
public interface IClusterBroadcaster
{
    /// <summary>Delivers <paramref name="payload"/> to the channel's handler on every Active silo.</summary>
    Task<BroadcastResult> BroadcastAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
