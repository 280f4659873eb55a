using System.Net;
using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Membership;

internal sealed partial class MembershipService
{
    public const string PingPath = "/rt/ping";

    /// <summary>The peers this silo watches: the next few Active silos after it on the ring of addresses.</summary>
    internal IReadOnlyList<SiloAddress> MonitoredSilos()
    {
        var active = _view.ActiveSilos;
        var local = Local;
        var result = new List<SiloAddress>();
        if (local is null || active.Count == 0) return result;
        int start = 0;
        while (start < active.Count && active[start].CompareTo(local) <= 0) start++;
        for (int i = 0; i < active.Count && result.Count < _options.NumProbedSilos; i++)
        {
            var peer = active[(start + i) % active.Count];
            if (peer != local) result.Add(peer);
        }
        return result;
    }

    private async Task ProbeAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1) return;
        try
        {
            if (LocalStatus is not (SiloStatus.Active or SiloStatus.ShuttingDown)) return;
            var peers = MonitoredSilos();
            var results = await Task.WhenAll(peers.Select(ProbeOneAsync)).ConfigureAwait(false);
            for (int i = 0; i < peers.Count; i++)
            {
                int missed;
                lock (_missedProbes)
                {
                    missed = results[i] ? 0 : _missedProbes.GetValueOrDefault(peers[i]) + 1;
                    _missedProbes[peers[i]] = missed;
                }
                if (missed >= _options.MissedProbesLimit)
                {
                    _log.Suspecting(peers[i], missed);
                    await TryVoteDeadAsync(peers[i], CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            _log.MembershipTableFailed(ex);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task<bool> ProbeOneAsync(SiloAddress peer)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _time);
        try
        {
            using var response = await _http.GetAsync(
                string.Concat("http://", peer.Endpoint, PingPath, "?silo=", Uri.EscapeDataString(peer.ToString())), timeout.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Adds this silo's vote that <paramref name="suspect"/> is dead, dropping expired votes; declares it dead when enough
    /// unexpired votes agree (fewer when fewer silos are alive to vote).
    /// </summary>
    internal async Task<bool> TryVoteDeadAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        var local = Local!;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var data = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var row = data.Rows.FirstOrDefault(r => r.Entry.Silo == suspect);
            if (row is null || row.Entry.Status == SiloStatus.Dead)
            {
                Apply(data);
                return row is not null;
            }
            var now = _time.GetUtcNow();
            var votes = row.Entry.Suspicions
                .Where(v => v.Suspecter != local && now - v.Time < _options.DeathVoteExpiration)
                .Append(new SuspicionVote(local, now))
                .ToList();
            int otherActive = data.Rows.Count(r => r.Entry.Status == SiloStatus.Active && r.Entry.Silo != suspect);
            int needed = Math.Max(1, Math.Min(_options.NumVotesForDeathDeclaration, otherActive));
            bool dead = votes.Count >= needed;
            var updated = row.Entry with { Suspicions = votes, Status = dead ? SiloStatus.Dead : row.Entry.Status };
            if (await _table.UpdateRowAsync(updated, row.ETag, data.Version.Next(), cancellationToken).ConfigureAwait(false))
            {
                if (dead)
                {
                    _log.DeclaredDead(suspect, votes.Count);
                    lock (_missedProbes) _missedProbes.Remove(suspect);
                }
                await RefreshAsync(-1, cancellationToken).ConfigureAwait(false);
                return dead;
            }
        }
        return false;
    }

    /// <summary>Deletes Dead rows older than the cleanup age (any silo may do it; it is idempotent).</summary>
    internal Task CleanupDefunctAsync(CancellationToken cancellationToken) =>
        _table.CleanupDefunctSiloEntriesAsync(_time.GetUtcNow() - _options.DefunctSiloCleanupAge, cancellationToken);
}
