using Microsoft.Extensions.Hosting;
using TalentFlow.ML.Careers;

namespace TalentFlow.Grains;

/// <summary>The career advisor this silo serves, built once from <see cref="CareerOptions"/>.</summary>
public sealed class CareerModels
{
    /// <summary>Loads <see cref="CareerOptions.ModelPath"/> or trains the sample model.</summary>
    public CareerModels(CareerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = options.ModelPath is { } path
            ? CareerModel.Load(path)
            : CareerModelTrainer.Train(CareerDataSetLoader.Load(null), options.OnetDirectory is { } onet ? OnetCatalog.Load(onet) : null,
                new CareerModelOptions { Seed = options.Seed });
        Advisor = new CareerAdvisor(model);
    }

    /// <summary>The advisor.</summary>
    public CareerAdvisor Advisor { get; }
}

/// <summary>Builds <see cref="CareerModels"/> when the host starts, so that a bad model file stops start-up, not a request.</summary>
internal sealed class CareerModelsWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(CareerModels));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
