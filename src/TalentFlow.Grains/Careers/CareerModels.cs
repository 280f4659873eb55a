using Microsoft.Extensions.Hosting;
using TalentFlow.ML.Careers;

namespace TalentFlow.Grains.Careers;

/// <summary>
/// The career advisor this silo serves: built at start from <see cref="CareerOptions"/>, then replaced atomically when the
/// registry promotes a <c>career_classifier</c> version (<see cref="Publish"/>).
/// </summary>
public sealed class CareerModels
{
    /// <summary>The model kind's name in the registry.</summary>
    public const string ModelName = "career_classifier";

    private volatile ServedCareerAdvisor _current;

    /// <summary>Loads <see cref="CareerOptions.ModelPath"/> or trains the sample model.</summary>
    public CareerModels(CareerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = options.ModelPath is { } path
            ? CareerModel.Load(path)
            : CareerModelTrainer.Train(CareerDataSetLoader.Load(null), options.OnetDirectory is { } onet ? OnetCatalog.Load(onet) : null,
                // The sample model is pinned to the TF-IDF SVM: auto's cross-validation would add five encoder + MLP fits for
                // nothing (on the 60 generated texts both classifiers score 1.0), and the MLP, its temperature fitted on nine
                // validation texts, answered real queries with exactly 1 and 0; the SVM's comes from 60 out-of-fold rows and its
                // vocabulary lets the advisor tell text it cannot read. A ModelPath serves whichever won.
                new CareerModelOptions { Seed = options.Seed, ClassifierKind = CareerClassifierKind.Tfidf });
        _current = new ServedCareerAdvisor(model.VersionId, new CareerAdvisor(model));
    }

    /// <summary>The advisor and the version it is served as; read it once per query.</summary>
    public ServedCareerAdvisor Current => _current;

    /// <summary>Serves <paramref name="advisor"/> as <paramref name="version"/> from the next query on.</summary>
    public void Publish(string version, CareerAdvisor advisor)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(advisor);
        _current = new ServedCareerAdvisor(version, advisor);
    }
}

/// <summary>A career advisor and the version it answers as (the registry's version, or the model's own id at start).</summary>
/// <param name="Version">The version.</param>
/// <param name="Advisor">The advisor.</param>
public sealed record ServedCareerAdvisor(string Version, CareerAdvisor Advisor);

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
