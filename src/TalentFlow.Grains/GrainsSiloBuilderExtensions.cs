using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Review;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains;

/// <summary>Adds TalentFlow's grains and the models they score with to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>The version id of the baseline fitted on <see cref="SampleCorpus"/> when no model file is configured.</summary>
    public const string BuiltinBaselineVersion = "builtin-1";

    /// <summary>
    /// A TalentFlow silo: Orleans wired the TalentFlow way (<see cref="TalentFlowSiloBuilderExtensions.AddTalentFlowOrleans"/>:
    /// providers, placement by role, fan-out, records, serialization), with this silo's capability roles (cores, accelerator;
    /// see <see cref="SiloCapabilities"/>) added to the roles it publishes, and the grains (<see cref="AddTalentFlowGrains"/>).
    /// </summary>
    public static ISiloBuilder AddTalentFlowSilo(this ISiloBuilder builder, Action<TalentFlowOrleansOptions>? orleans = null, Action<MatchingOptions>? matching = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTalentFlowOrleans(o =>
        {
            orleans?.Invoke(o);
            SiloCapabilities.Advertise(o.Roles, o.Cores, SiloCapabilities.DetectAccelerator());
        });
        return builder.AddTalentFlowGrains(matching);
    }

    /// <summary>
    /// Hosts the Candidate, Job and User grains and the job catalog (options <see cref="RecommendationOptions"/>). The baseline model is loaded from <see cref="MatchingOptions.BaselineModelPath"/>
    /// or, when unset, fitted on the built-in sample corpus; a missing or unreadable model file fails start-up. Adds the
    /// silo's services the grains need.
    /// </summary>
    public static ISiloBuilder AddTalentFlowGrains(this ISiloBuilder builder, Action<MatchingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<MatchingOptions>();
        if (configure is not null) options.Configure(configure);
        options.ValidateDataAnnotations()
            .Validate(o => o.BaselineModelPath is null || File.Exists(o.BaselineModelPath), "Matching:BaselineModelPath names a file that does not exist.")
            .Validate(o => o.ScorerDirectory is null || (o.BaselineModelPath is null && o.OnnxModelDirectory is null),
                "Matching:ScorerDirectory brings its own baseline and encoder; leave Matching:BaselineModelPath and Matching:OnnxModelDirectory unset.")
            .Validate(o => o.ScorerDirectory is null || ScorerBundle.Missing(o.ScorerDirectory) is null,
                "Matching:ScorerDirectory is not a folder written by 'talentflow train scorer' (baseline_model.json, encoder.json and scorer.json).")
            .ValidateOnStart();
        services.AddOptions<TrainingOptions>().ValidateDataAnnotations()
            .Validate(o => o.Schedule is null || Quartz.CronExpression.TryParse(o.Schedule, out _),
                "Training:Schedule is not a Quartz cron expression (seconds first, e.g. '0 0 3 * * ?' for 03:00 every day).")
            .Validate(o => o.ScheduleCheckPeriod >= TimeSpan.FromSeconds(1) && o.TrainerCheckInterval >= TimeSpan.FromMilliseconds(100) && o.JobTimeout > TimeSpan.Zero,
                "Training:ScheduleCheckPeriod must be at least 1 s, Training:TrainerCheckInterval at least 100 ms, Training:JobTimeout positive.")
            .ValidateOnStart();
        services.AddOptions<EncoderTrainingOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<TrainingScheduleStarter>();
        services.AddReviewOptions();
        services.AddOptions<RecommendationOptions>().ValidateDataAnnotations()
            .Validate(o => o.ConvFmModelPath is null || File.Exists(o.ConvFmModelPath), "Recommendation:ConvFmModelPath names a file that does not exist.")
            .ValidateOnStart();
        // Built at start-up (a hosted service asks for it), so that an unreadable ConvFM artifact fails start-up, not a request.
        services.TryAddSingleton(sp => new RecommendationModels(sp.GetRequiredService<IOptions<RecommendationOptions>>().Value));
        services.AddHostedService<RecommendationModelsWarmUp>();
        services.AddOptions<CareerOptions>().ValidateDataAnnotations()
            .Validate(o => o.ModelPath is null || File.Exists(o.ModelPath), "Careers:ModelPath names a file that does not exist.")
            .Validate(o => o.OnetDirectory is null || File.Exists(Path.Combine(o.OnetDirectory, TalentFlow.ML.Careers.OnetCatalog.OccupationsFile)),
                "Careers:OnetDirectory has no occupation_data.csv.")
            .ValidateOnStart();
        // Built at start-up, so that an unreadable career model fails start-up, not the first request.
        services.TryAddSingleton(sp => new CareerModels(sp.GetRequiredService<IOptions<CareerOptions>>().Value));
        services.AddHostedService<CareerModelsWarmUp>();
        services.TryAddKeyedSingleton<TimeProvider>(GrainClock.Key, TimeProvider.System);
        services.TryAddSingleton(_ => new TextNormalizer());
        services.TryAddSingleton(sp => new ResumeParser(time: sp.GetRequiredKeyedService<TimeProvider>(GrainClock.Key)));
        services.TryAddSingleton(_ => new JobParser());
        services.TryAddSingleton(sp => CreateModels(sp.GetRequiredService<IOptions<MatchingOptions>>().Value, sp.GetService<IOptions<OnnxRuntimeOptions>>()?.Value));
        services.TryAddSingleton(sp => CreateScreening(sp.GetRequiredService<MatchingModels>(), sp.GetRequiredService<IOptions<MatchingOptions>>().Value));
        services.AddSingleton<TalentFlow.Hosting.Broadcast.IBroadcastHandler, ModelVersionBroadcastHandler>();
        services.AddSingleton<TalentFlow.Hosting.Broadcast.IBroadcastHandler, AbTestBroadcastHandler>();
        services.TryAddSingleton<EncoderMigration>();
        services.TryAddSingleton<IRegistryEventSink, NullRegistryEventSink>();
        services.AddHostedService(sp => sp.GetRequiredService<EncoderMigration>());
        return builder;
    }

    /// <summary>
    /// The built-in screening model (<see cref="TalentFlow.ML.Screening.ScreeningModel.BuiltIn"/>, trained offline on real
    /// labelled pairs), served with the silo's encoder when it was trained with that one; the registry's first version of
    /// <c>screening_model</c>.
    /// </summary>
    private static ScreeningModels CreateScreening(MatchingModels models, MatchingOptions options) =>
        new(new ScreeningModelScorer(TalentFlow.ML.Screening.ScreeningModel.BuiltIn, models.Encoder?.Encoder), options.RetainedVersions);

    private static MatchingModels CreateModels(MatchingOptions options, OnnxRuntimeOptions? onnx)
    {
        if (options.ScorerDirectory is { } scorerDirectory) return ScorerBundle.Load(scorerDirectory, options);
        BaselineModel initial;
        if (options.BaselineModelPath is { } path)
        {
            initial = ScorerBundle.LoadBaseline(path);
        }
        else
        {
            initial = new BaselineModel(BuiltinBaselineVersion, BaselineMatcher.Fit(SampleCorpus.Texts()));
        }
        // A configured ONNX model wins; else all-MiniLM-L6-v2 (checked by SHA-256), or the embedded LSA encoder fitted on the
        // same texts as the built-in baseline (a trained one replaces it by fan-out). A bad model folder fails start-up with the
        // file at fault named.
        var encoder = new SemanticModel(options.OnnxModelDirectory is { Length: > 0 } directory
            ? new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = directory })
            : options.Encoder == "lsa"
                ? EmbeddedEncoder.Fit(SampleCorpus.Texts(), EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 128)
                : MiniLmModel.Load(new MiniLmOptions { Quantization = onnx?.ParsedQuantization ?? OnnxQuantization.None, EmbeddingCacheSize = onnx?.EmbeddingCacheSize ?? OnnxSentenceEncoderOptions.DefaultEmbeddingCacheSize }));
        return new MatchingModels(initial, encoder, options.RetainedVersions);
    }
}
