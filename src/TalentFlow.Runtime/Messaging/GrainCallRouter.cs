using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Placement;

namespace TalentFlow.Runtime.Messaging;

/// <summary>What the router needs to know of the cluster: the current view, the placement of grain types, a way to refresh.</summary>
internal interface IClusterView
{
    MembershipView View { get; }

    GrainTypePlacement? GetPlacement(string grainType);

    /// <summary>Rereads membership when the local view is older than <paramref name="minVersion"/> (or always, for -1).</summary>
    Task RefreshAsync(long minVersion, CancellationToken cancellationToken);
}

/// <summary>The silo side of routing: calls to grains this silo owns run here, without serialization.</summary>
internal interface ILocalCallHandler
{
    SiloAddress? LocalAddress { get; }

    bool HostsGrainType(string grainType);

    ValueTask<T> InvokeLocalAsync<T>(GrainReference target, GrainRequest<T> request);

    TimeProvider TimeProvider { get; }

    TimeSpan ResponseTimeout { get; }
}

/// <summary>
/// Routes calls to the owner of each grain: in-process when it is this silo, else over HTTP/2; refreshes membership and sends
/// again (at most twice) when the target says it is not the owner or the local activation went away before the call ran.
/// </summary>
internal sealed class GrainCallRouter(IClusterView cluster, RemoteGrainInvoker remote, ILocalCallHandler? local) : IGrainCallRouter
{
    private const int MaxForwards = 2;

    public ValueTask<T> InvokeAsync<T>(GrainReference target, GrainRequest<T> request)
    {
        var placement = cluster.GetPlacement(target.GrainId.Type);
        if (placement is null) return ValueTask.FromException<T>(new GrainMethodNotFoundException($"No silo hosts grain type '{target.GrainId.Type}'."));
        if (local is not null && placement.IsStatelessWorker && local.HostsGrainType(placement.GrainType))
        {
            return InvokeLocal(target, request);
        }
        var view = cluster.View;
        var owner = view.PickOwner(target.Hash, placement.Role);
        if (owner is not null && local is not null && owner == local.LocalAddress) return InvokeLocal(target, request);
        return InvokeRoutedAsync(target, request, placement, owner, view.Version, attempt: 0);
    }

    private ValueTask<T> InvokeLocal<T>(GrainReference target, GrainRequest<T> request)
    {
        ValueTask<T> call;
        try
        {
            call = local!.InvokeLocalAsync(target, request);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<T>(ex);
        }
        return call.IsCompletedSuccessfully ? call : AwaitLocalAsync(call, target, request);
    }

    private async ValueTask<T> AwaitLocalAsync<T>(ValueTask<T> call, GrainReference target, GrainRequest<T> request)
    {
        try
        {
            return await call.AsTask().WaitAsync(local!.ResponseTimeout, local.TimeProvider, request.CancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrainCallTimeoutException(
                $"The call {request} to {target.GrainId} timed out after {local!.ResponseTimeout.TotalSeconds:0.###} s.");
        }
        catch (ActivationGoneException)
        {
            var placement = cluster.GetPlacement(target.GrainId.Type)!;
            return await InvokeRoutedAsync(target, request, placement, owner: null, -1, attempt: 1).ConfigureAwait(false);
        }
    }

    private async ValueTask<T> InvokeRoutedAsync<T>(GrainReference target, GrainRequest<T> request, GrainTypePlacement placement, SiloAddress? owner, long viewVersion, int attempt)
    {
        for (; ; attempt++)
        {
            if (owner is null)
            {
                var view = cluster.View;
                owner = view.PickOwner(target.Hash, placement.Role);
                viewVersion = view.Version;
                if (owner is null)
                {
                    await cluster.RefreshAsync(-1, request.CancellationToken).ConfigureAwait(false);
                    view = cluster.View;
                    owner = view.PickOwner(target.Hash, placement.Role);
                    viewVersion = view.Version;
                    if (owner is null)
                    {
                        throw new SiloUnavailableException(placement.Role is null
                            ? $"No active silo can take the call {request} to {target.GrainId}."
                            : $"No active silo with role '{placement.Role}' can take the call {request} to {target.GrainId}.");
                    }
                }
            }
            try
            {
                if (local is not null && owner == local.LocalAddress)
                {
                    var call = local.InvokeLocalAsync(target, request);
                    return call.IsCompletedSuccessfully
                        ? call.Result
                        : await call.AsTask().WaitAsync(local.ResponseTimeout, local.TimeProvider, request.CancellationToken).ConfigureAwait(false);
                }
                return await remote.InvokeAsync(owner, target, request, viewVersion, attempt).ConfigureAwait(false);
            }
            catch (NotOwnerException refused) when (attempt < MaxForwards)
            {
                await cluster.RefreshAsync(Math.Max(refused.View, viewVersion + 1), request.CancellationToken).ConfigureAwait(false);
            }
            catch (ActivationGoneException) when (attempt < MaxForwards)
            {
                // The local activation was deactivated before the call started: route again.
            }
            catch (NotOwnerException)
            {
                throw new SiloUnavailableException($"The call {request} to {target.GrainId} found no owner after {MaxForwards} forwards.");
            }
            catch (ActivationGoneException)
            {
                // Still closing after every forward (the cluster is changing): the caller gets the public, retryable error,
                // never the runtime's internal one.
                throw new SiloUnavailableException($"The call {request} to {target.GrainId} met closing activations on {MaxForwards} forwards.");
            }
            catch (TimeoutException) when (local is not null)
            {
                throw new GrainCallTimeoutException($"The call {request} to {target.GrainId} timed out after {local.ResponseTimeout.TotalSeconds:0.###} s.");
            }
            owner = null;
        }
    }
}
