using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Membership;

using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Runtime.Hosting;

internal sealed partial class SiloRuntime
{
    private readonly object _stopLock = new();
    private Task? _stopping;

    /// <summary>Listens, joins as Joining, becomes Active, starts collection, reminders and broadcast catch-up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        RuntimeMetrics.Register(this);
        string endpoint = await Endpoint.StartAsync(cancellationToken).ConfigureAwait(false);
        LocalAddress = await Membership.JoinAsync(endpoint, Options.SiloName, Options.Roles, cancellationToken).ConfigureAwait(false);
        Status = SiloStatus.Joining;
        await Membership.RefreshAsync(-1, cancellationToken).ConfigureAwait(false);
        Membership.StartMonitoring();
        await Broadcaster.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        await Membership.UpdateStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        Status = SiloStatus.Active;
        Log.Joined(LocalAddress, Status);
        Catalog.StartCollector();
        await Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        await NotifyPeersAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Graceful stop: ShuttingDown (peers stop placing grains here), wait for in-flight calls, deactivate every activation
    /// (their state is written by OnDeactivateAsync), then Dead and stop listening.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop twice at once (WebApplication.Run's own stop beside a test factory's): the second caller waits for
        // the first, so that nothing is disposed under a stop still in progress.
        lock (_stopLock) return _stopping ??= LocalAddress is null ? Task.CompletedTask : StopCoreAsync(cancellationToken);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Log.Stopping(LocalAddress!);
        try
        {
            if (await Membership.UpdateStatusAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false))
            {
                Status = SiloStatus.ShuttingDown;
                await NotifyPeersAsync().ConfigureAwait(false);
            }
            await Reminders.DisposeAsync().ConfigureAwait(false);
            await Catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown).WaitAsync(Options.ShutdownDrainTimeout, TimeProvider, cancellationToken).ConfigureAwait(false);
            Membership.StopMonitoring();
            await Membership.UpdateStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
            await NotifyPeersAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.MembershipTableFailed(ex);
        }
        finally
        {
            Status = SiloStatus.Dead;
            await _shutdown.CancelAsync().ConfigureAwait(false);
            await Endpoint.StopAsync(abort: false).ConfigureAwait(false);
            RuntimeMetrics.Unregister(this);
            Log.Stopped(LocalAddress!);
        }
    }

    /// <summary>An abrupt stop, as if the process died: no deactivation, no table update (tests; or when declared dead).</summary>
    public Task KillAsync()
    {
        lock (_stopLock) return _stopping ??= KillCoreAsync();
    }

    /// <summary>Waits for a stop or kill in progress (before disposal).</summary>
    private async Task WaitForStopAsync()
    {
        Task? stopping;
        lock (_stopLock) stopping = _stopping;
        if (stopping is null) return;
        try
        {
            await stopping.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.MembershipTableFailed(ex);
        }
    }

    private async Task KillCoreAsync()
    {
        await Task.Yield();
        Status = SiloStatus.Dead;
        Membership.StopMonitoring();
        await Reminders.DisposeAsync().ConfigureAwait(false);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Endpoint.StopAsync(abort: true).ConfigureAwait(false);
        RuntimeMetrics.Unregister(this);
    }

    /// <summary>Asks every other Active silo to reread the table now rather than at its next refresh.</summary>
    private async Task NotifyPeersAsync()
    {
        var local = LocalAddress;
        var peers = View.ActiveSilos.Where(s => s != local).ToArray();
        await Task.WhenAll(peers.Select(async peer =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await _remote.Http.PostAsync(string.Concat("http://", peer.Endpoint, "/rt/membership/changed"), null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // The peer will see the change at its next refresh.
            }
        })).ConfigureAwait(false);
    }
}
