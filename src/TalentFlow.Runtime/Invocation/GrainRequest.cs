using System.Text.Json;

namespace TalentFlow.Runtime.Invocation;

/// <summary>How a grain method's calls may be scheduled; written by the code generator from the method's attributes.</summary>
[Flags]
public enum GrainMethodOptions
{
    /// <summary>An ordinary call: one at a time per activation.</summary>
    None = 0,

    /// <summary><see cref="ReadOnlyAttribute"/>: may interleave with other read-only calls.</summary>
    ReadOnly = 1,

    /// <summary><see cref="AlwaysInterleaveAttribute"/>: may interleave with any call.</summary>
    AlwaysInterleave = 2,
}

/// <summary>
/// One call to one grain method, with its arguments: the unit the runtime queues, sends and invokes. The code generator
/// derives one sealed class per grain interface method; user code never sees these.
/// </summary>
public abstract class GrainRequest
{
    /// <summary>The durable name of the grain interface the call was made through.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's key within the interface: its name, or <c>Name`N</c> (N parameters) when overloaded.</summary>
    public abstract string MethodName { get; }

    /// <summary>Scheduling options from the method's attributes.</summary>
    public virtual GrainMethodOptions Options => GrainMethodOptions.None;

    /// <summary>
    /// The call's cancellation token: on the caller, the one passed to the method; on the receiving silo, one that is
    /// cancelled when the caller goes away or the call times out. Passed to the method's <see cref="CancellationToken"/> parameter.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Writes the arguments as one JSON array (no cancellation token).</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>; the reader is on the array's start token.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Invokes the method on a grain and serializes its result, for calls that arrived over the network.</summary>
    internal abstract ValueTask<ReadOnlyMemory<byte>> InvokeSerializedAsync(object grain, JsonSerializerOptions options);

    /// <summary>Invokes the method and discards its result (reminders, timers).</summary>
    internal abstract ValueTask InvokeIgnoringResultAsync(object grain);

    /// <summary>Returns <c>Interface.Method</c>, for logs and statistics.</summary>
    public override string ToString() => string.Concat(InterfaceName, ".", MethodName);
}

/// <summary>A call whose method returns <typeparamref name="TResult"/> (<see cref="VoidResult"/> for none).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Calls the method on <paramref name="grain"/>, which implements the request's interface.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    /// <inheritdoc />
    internal sealed override async ValueTask<ReadOnlyMemory<byte>> InvokeSerializedAsync(object grain, JsonSerializerOptions options)
    {
        TResult result = await InvokeAsync(grain).ConfigureAwait(false);
        return typeof(TResult) == typeof(VoidResult)
            ? ReadOnlyMemory<byte>.Empty
            : JsonSerializer.SerializeToUtf8Bytes(result, GrainJson.TypeInfo<TResult>(options));
    }

    /// <inheritdoc />
    internal sealed override async ValueTask InvokeIgnoringResultAsync(object grain) => await InvokeAsync(grain).ConfigureAwait(false);
}

/// <summary>The result type of grain methods that return <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
public readonly struct VoidResult;
