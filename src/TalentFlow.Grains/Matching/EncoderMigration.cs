using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// Re-embeds candidates in the background after an encoder swap: walks every shard of the candidate index, asks it which
/// candidates lack the new version, and has each of those candidates embed itself again (on its own silo, with that silo's
/// encoder). Every silo runs one after its own swap; the walk is idempotent, so overlapping walks only share the work, and
/// the last silo to swap finishes what earlier ones could not (candidates on silos still serving the old encoder).
/// Rankings stay complete meanwhile by using the newest version every shard holds in full.
/// </summary>
public sealed partial class EncoderMigration(IServiceProvider services, MatchingModels models, IOptions<MatchingOptions> options, ILogger<EncoderMigration> logger)
    : IHostedService, IDisposable
{
    private const int BatchSize = 32;
    private const int MaxStalledRounds = 3;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private string? _requested;
    private Task _running = Task.CompletedTask;

    /// <summary>The walk in progress or last finished (tests and shutdown wait on it).</summary>
    public Task Running
    {
        get { lock (_gate) return _running; }
    }

    /// <summary>
    /// Makes sure a walk towards <paramref name="encoderVersion"/> runs (a ranking that found a shard incomplete calls this);
    /// does nothing when one already does, or when the version is no longer current.
    /// </summary>
    public void Request(string encoderVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoderVersion);
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || (_requested == encoderVersion && !_running.IsCompleted)) return;
            _requested = encoderVersion;
            var previous = _running;
            _running = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await WalkAsync(encoderVersion, _stopping.Token).ConfigureAwait(false);
            });
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        models.EncoderPublished += OnEncoderPublished;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        models.EncoderPublished -= OnEncoderPublished;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private void OnEncoderPublished(SemanticModel encoder) => Request(encoder.Version);

    private async Task WalkAsync(string version, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        int moved = 0, left = 0;
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            for (int shard = 0; shard < options.Value.CandidateShards; shard++)
            {
                var index = grains.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard));
                int stalled = 0;
                while (models.Encoder?.Version == version)
                {
                    var pending = await index.PendingAsync(version, BatchSize, cancellationToken).ConfigureAwait(false);
                    if (pending.Count == 0) break;
                    var calls = new Task<string?>[pending.Count];
                    for (int i = 0; i < calls.Length; i++)
                    {
                        calls[i] = grains.GetGrain<ICandidateFeaturesGrain>(pending[i]).RefreshEmbeddingAsync(cancellationToken);
                    }
                    var versions = await Task.WhenAll(calls).ConfigureAwait(false);
                    int done = 0;
                    foreach (var v in versions) done += v is null || v == version ? 1 : 0;
                    moved += done;
                    if (done == pending.Count) continue;
                    // These candidates live on silos that still serve another encoder: their own swap will finish them.
                    if (++stalled == MaxStalledRounds)
                    {
                        left += pending.Count - done;
                        break;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * stalled), cancellationToken).ConfigureAwait(false);
                }
            }
            if (left == 0 && models.Encoder?.Version == version) await RetireAsync(grains, version, cancellationToken).ConfigureAwait(false);
            Finished(logger, version, moved, left, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The next ranking that finds a shard incomplete asks again.
            Failed(logger, version, moved, ex.Message);
        }
    }

    /// <summary>Every shard holds the new version in full: older embeddings can never be asked for a complete ranking again.</summary>
    private async Task RetireAsync(IGrainFactory grains, string version, CancellationToken cancellationToken)
    {
        // Keep the new version and anything published after it on this silo (a later swap may already be under way).
        var keep = new List<string>();
        foreach (var encoder in models.EncodersNewestFirst)
        {
            keep.Add(encoder.Version);
            if (encoder.Version == version) break;
        }
        for (int shard = 0; shard < options.Value.CandidateShards; shard++)
        {
            await grains.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard)).RetireAsync(keep, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(2101, LogLevel.Information, "Re-embedded {Moved} candidates with encoder {Version} in {Seconds:F1} s ({Left} left to silos not yet on it).")]
    private static partial void Finished(ILogger logger, string version, int moved, int left, double seconds);

    [LoggerMessage(2102, LogLevel.Warning, "Re-embedding with encoder {Version} stopped after {Moved} candidates: {Reason}")]
    private static partial void Failed(ILogger logger, string version, int moved, string reason);
}
