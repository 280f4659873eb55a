using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>
/// With a training schedule configured, wakes the coordinator once the silo is up, so that it registers the schedule's
/// durable reminder (after that the reminder itself keeps it going, across restarts). Without one it does nothing.
/// </summary>
internal sealed class TrainingScheduleStarter(IServiceProvider services, IOptions<TrainingOptions> options, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Schedule is null) return;
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        var grains = services.GetRequiredService<IGrainFactory>();
        for (int attempt = 0; attempt < 10 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
                    .GetStatusAsync(MatchingModels.BaselineModelName, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The silo may still be joining; try again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1 + attempt), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
