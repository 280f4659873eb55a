using System.Runtime.CompilerServices;

namespace TalentFlow.Client.Tests;

/// <summary>Counts the attempts that reach the transport (added after the client's own handlers, so it sees each retry).</summary>
internal sealed class CountingHandler(StrongBox<int> count) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count.Value);
        return base.SendAsync(request, cancellationToken);
    }
}
