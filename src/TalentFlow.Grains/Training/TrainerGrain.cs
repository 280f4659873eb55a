using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training.Procedures;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Placement;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Training;

/// <summary>Runs one training job (key: the job id) on a silo with the <c>trainer</c> role.</summary>
[Alias("TalentFlow.Grains.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job in the background and returns the address of the silo it runs on; the trainer reports the outcome to the
    /// coordinator.
    /// </summary>
    [Alias("StartAsync")]
    Task<string?> StartAsync(string model, CancellationToken cancellationToken = default);
}

/// <summary>Runs one training job (key: the job id) on a trainer silo with an accelerator (<see cref="SiloCapabilities.AcceleratedTrainerRole"/>).</summary>
[Alias("TalentFlow.Grains.IAcceleratedTrainerGrain")]
public interface IAcceleratedTrainerGrain : IGrainWithStringKey
{
    /// <inheritdoc cref="ITrainerGrain.StartAsync" />
    [Alias("StartAsync")]
    Task<string?> StartAsync(string model, CancellationToken cancellationToken = default);
}

/// <summary>The trainer placed on any silo with the <c>trainer</c> role.</summary>
[GrainType("trainer")]
[RequiresRole(SiloCapabilities.TrainerRole)]
public sealed class TrainerGrain(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options)
    : TrainerGrainBase(models, screening, cluster, options), ITrainerGrain;

/// <summary>The trainer placed only on trainer silos with an accelerator; the coordinator prefers it when one is Active.</summary>
[GrainType("accelerated-trainer")]
[RequiresRole(SiloCapabilities.AcceleratedTrainerRole)]
public sealed class AcceleratedTrainerGrain(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options)
    : TrainerGrainBase(models, screening, cluster, options), IAcceleratedTrainerGrain;

/// <summary>
/// Runs one training job: collects the labelled results (<see cref="TrainingRun"/>), hands them to the procedure of the model
/// kind (<see cref="ITrainingProcedure"/>: the TF-IDF baseline, the embedded or fine-tuned semantic encoder, the screening
/// model), each of which fits on a candidate-grouped split, gates the new version against production on the held-out side
/// (<see cref="PromotionGate"/>) and stores it, and reports the outcome to the coordinator. Between phases it reports progress,
/// and stops when the coordinator answers that the job was cancelled (or is no longer this attempt's).
/// </summary>
public abstract class TrainerGrainBase(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options) : Grain
{
    private IDisposable? _work;

    /// <inheritdoc cref="ITrainerGrain.StartAsync" />
    public Task<string?> StartAsync(string model, CancellationToken cancellationToken = default)
    {
        if (!MatchingModels.TrainableModels.Contains(model)) throw new ArgumentException($"Model '{model}' cannot be trained yet.");
        // A timer turn, so that the caller (the coordinator) is answered at once and the work runs as this grain's own turn.
        _work ??= this.RegisterGrainTimer(_ => RunAsync(model), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.FromResult<string?>(cluster.LocalAddress);
    }

    private async Task RunAsync(string model)
    {
        var coordinator = GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        var run = new TrainingRun(GrainFactory, coordinator, this.GetPrimaryKeyString(), cluster.LocalAddress, new PromotionGate(options.Value));
        TrainingOutcome outcome;
        try
        {
            var labelled = await run.ReadLabelledAsync().ConfigureAwait(true);
            outcome = await ProcedureFor(model).TrainAsync(run, labelled).ConfigureAwait(true);
        }
        catch (TrainingRun.JobCancelledException)
        {
            // The coordinator no longer wants this attempt: nothing to store, nothing to report.
            DeactivateOnIdle();
            return;
        }
        catch (Exception ex)
        {
            outcome = run.Failed($"Training failed: {ex.Message}");
        }
        await coordinator.ReportAsync(outcome).ConfigureAwait(true);
        DeactivateOnIdle();
    }

    /// <summary>
    /// The procedure of <paramref name="model"/>: a silo serving all-MiniLM-L6-v2 fine-tunes it for <c>semantic_encoder</c>,
    /// the LSA fallback fits the embedded encoder.
    /// </summary>
    private ITrainingProcedure ProcedureFor(string model) => model switch
    {
        ScreeningModels.ModelName => new ScreeningModelTraining(screening),
        MatchingModels.EncoderModelName when FineTunedEncoders.TunableBase(models) is { } minilm => FineTuning(minilm),
        MatchingModels.EncoderModelName => new TextPairTraining(new EmbeddedEncoderTraining(models)),
        _ => new TextPairTraining(new BaselineTraining(models)),
    };

    /// <summary>Fine-tuning with the silo's <see cref="IEncoderFineTuner"/> and <see cref="EncoderTrainingOptions"/> (defaults: the C# trainer and its defaults).</summary>
    private FineTunedEncoderTraining FineTuning(OnnxSentenceEncoder baseEncoder)
    {
        var settings = ServiceProvider.GetService<IOptions<EncoderTrainingOptions>>()?.Value ?? new EncoderTrainingOptions();
        var logger = ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<EncoderFineTuning>();
        var tuner = ServiceProvider.GetService<IEncoderFineTuner>() ?? new MiniLmTopFineTuner(logger);
        return new FineTunedEncoderTraining(baseEncoder, models, tuner, settings, logger);
    }
}
