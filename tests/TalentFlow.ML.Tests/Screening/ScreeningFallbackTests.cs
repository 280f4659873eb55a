using TalentFlow.ML.Screening;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Screening;

/// <summary>A model trained with encoder cosines carries a model without them, served when the silo has another encoder.</summary>
public sealed class ScreeningFallbackTests
{
    private static readonly Lazy<LsaEncoder> Encoder = new(() =>
        LsaEncoder.Fit([.. ScreeningTestData.Occupations.Select(o => o.Text), "Nurse caring for patients in a hospital ward.", "Developer writing C# services and SQL."],
            new LsaOptions { Dimensions = 3 }));

    private static readonly Lazy<ScreeningModel> Trained = new(() =>
    {
        var features = new ScreeningFeatures(ScreeningTestData.Vocabulary, Encoder.Value);
        return new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 2 }).Train(features, WithEncoderColumns(ScreeningTestData.Examples(12, 30, seed: 2))).Model;
    });

    /// <summary>The synthetic examples with three encoder columns that carry the same hidden fit as the first feature.</summary>
    private static List<ScreeningExample> WithEncoderColumns(List<ScreeningExample> examples) =>
        [.. examples.Select(e => e with { Features = [.. e.Features, e.Features[0], e.Features[6], 0.5f * e.Features[0]] })];

    [Fact]
    public void Train_WithEncoder_AddsFallbackWithoutEncoderFeaturesAtTheSameThreshold()
    {
        var model = Trained.Value;

        Assert.Equal(Encoder.Value.VersionId, model.EncoderVersion);
        var fallback = Assert.IsType<ScreeningModel>(model.Fallback);
        Assert.Null(fallback.EncoderVersion);
        Assert.Equal(ScreeningFeatures.BaseNames, fallback.FeatureNames);
        Assert.Equal(model.Threshold, fallback.Threshold, 12);
    }

    [Fact]
    public void Train_WithoutEncoder_HasNoFallback()
    {
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 2 }).Train(ScreeningTestData.Features(), ScreeningTestData.Examples(12, 30, seed: 2)).Model;

        Assert.Null(model.Fallback);
    }

    [Fact]
    public async Task CreateFeatures_NoEncoder_ServesFallbackWithBaseFeatures()
    {
        var model = Trained.Value;

        var features = model.CreateFeatures(encoder: null);
        var x = await features.ExtractAsync(new ScreeningJob("Registered Nurse", "Care for patients, give medication and keep records."), "Nurse. Cared for patients on a ward, gave medication.");

        Assert.Null(features.EncoderVersion);
        Assert.Equal(ScreeningFeatures.BaseNames.Count, x.Length);
        Assert.True(model.Accepts(features));
        Assert.Same(model.Fallback, model.For(features));
        Assert.Equal(model.Fallback!.Probability(x), model.Probability(x), 12);
        Assert.Equal(model.Fallback.Logit(x), model.Logit(x), 12);
    }

    [Fact]
    public async Task CreateFeatures_MatchingEncoder_ServesFullModel()
    {
        var model = Trained.Value;

        var features = model.CreateFeatures(Encoder.Value);
        var x = await features.ExtractAsync(new ScreeningJob("Registered Nurse", "Care for patients, give medication and keep records."), "Nurse. Cared for patients on a ward, gave medication.");

        Assert.Equal(ScreeningFeatures.BaseNames.Count + ScreeningFeatures.EncoderNames.Count, x.Length);
        Assert.Same(model, model.For(features));
        Assert.NotEqual(model.Fallback!.Probability(x[..ScreeningFeatures.BaseNames.Count]), model.Probability(x));
    }

    [Fact]
    public void SaveLoad_WithFallback_RoundTripsVersionAndBothModels()
    {
        var model = Trained.Value;
        var x = WithEncoderColumns(ScreeningTestData.Examples(1, 3, seed: 9))[0].Features;

        var loaded = ScreeningModel.Load(model.ToJsonBytes());

        Assert.Equal(model.Version, loaded.Version);
        Assert.NotNull(loaded.Fallback);
        Assert.Equal(model.Fallback!.Version, loaded.Fallback!.Version);
        Assert.Equal(model.Probability(x), loaded.Probability(x), 12);
        Assert.Equal(model.Probability(x[..ScreeningFeatures.BaseNames.Count]), loaded.Probability(x[..ScreeningFeatures.BaseNames.Count]), 12);
    }

    [Fact]
    public void Train_ParentWithFallbackAndBaseFeatures_ShrinksTowardsTheFallback()
    {
        var parent = Trained.Value;

        var few = ScreeningTestData.Examples(4, 10, seed: 3);
        var options = new ScreeningModelTrainer.Options { Seed = 3, MinSamples = 4, TestFraction = 0.3 };

        var child = new ScreeningModelTrainer(options with { Parent = parent }).Train(ScreeningTestData.Features(), few).Model;
        var orphan = new ScreeningModelTrainer(options).Train(ScreeningTestData.Features(), few).Model;

        double Distance(ScreeningModel m) => m.Weights.Zip(parent.Fallback!.Weights, (a, b) => (a - b) * (a - b)).Sum();
        Assert.Null(child.EncoderVersion);
        Assert.Equal(parent.Version, child.ParentVersion);
        Assert.True(Distance(child) < Distance(orphan));
    }
}
