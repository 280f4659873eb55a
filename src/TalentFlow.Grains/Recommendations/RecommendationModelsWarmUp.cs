using Microsoft.Extensions.Hosting;

namespace TalentFlow.Grains.Recommendations;

/// <summary>Builds <see cref="RecommendationModels"/> when the host starts, so that a bad ConvFM artifact stops start-up.</summary>
internal sealed class RecommendationModelsWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(RecommendationModels));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
