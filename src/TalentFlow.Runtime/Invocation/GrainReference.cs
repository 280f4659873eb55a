namespace TalentFlow.Runtime.Invocation;

/// <summary>
/// Routes a proxy's calls to the grain's single activation, wherever it is (Orleans: <c>GrainReference</c>).
/// Cheap to create; holds no connection.
/// </summary>
public sealed class GrainReference
{
    private readonly IGrainCallRouter _router;

    internal GrainReference(GrainId grainId, IGrainCallRouter router)
    {
        GrainId = grainId;
        _router = router;
        Hash = grainId.StableHash();
    }

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId { get; }

    /// <summary>The stable hash of <see cref="GrainId"/>, computed once for placement.</summary>
    internal ulong Hash { get; }

    /// <summary>Sends a call and returns its result; generated proxies call this.</summary>
    public ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => _router.InvokeAsync(this, request);
}

/// <summary>Sends calls to activations: in-process on a silo, over HTTP/2 from a client.</summary>
internal interface IGrainCallRouter
{
    ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}
