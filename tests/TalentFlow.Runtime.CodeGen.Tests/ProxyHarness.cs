using TalentFlow.Runtime.Invocation;

namespace TalentFlow.Runtime.CodeGen.Tests;

/// <summary>Builds generated proxies over a router that hands each request to a plain object, optionally through JSON.</summary>
internal static class ProxyHarness
{
    public static T Create<T>(GrainInterfaceMetadata metadata, Func<GrainRequest, GrainRequest> transport, object grain, List<GrainRequest>? sent = null)
    {
        var router = new LocalRouter(transport, grain, sent);
        var reference = new GrainReference(new GrainId("sample", "1"), router);
        return (T)(object)metadata.CreateProxy(reference);
    }

    private sealed class LocalRouter(Func<GrainRequest, GrainRequest> transport, object grain, List<GrainRequest>? sent) : IGrainCallRouter
    {
        public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
        {
            sent?.Add(request);
            var received = (GrainRequest<TResult>)transport(request);
            received.CancellationToken = request.CancellationToken;
            return received.InvokeAsync(grain);
        }
    }
}
