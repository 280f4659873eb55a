using System.Text;
using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ScreeningModelTests
{
    private static readonly Lazy<ScreeningModel> Trained = new(() =>
        new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 1 }).Train(ScreeningTestData.Features(), ScreeningTestData.Examples(12, 30, seed: 1)).Model);

    [Fact]
    public void SaveLoad_RoundTrip_SameVersionAndProbabilities()
    {
        var model = Trained.Value;
        using var stream = new MemoryStream();
        model.Save(stream);

        var loaded = ScreeningModel.Load(stream.ToArray());

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.Vocabulary.Fingerprint, loaded.Vocabulary.Fingerprint);
        var x = ScreeningTestData.Examples(1, 1, seed: 5)[0].Features;
        Assert.Equal(model.Probability(x, "job-0"), loaded.Probability(x, "job-0"), 12);
        Assert.Equal(model.Threshold, loaded.Threshold);
        Assert.Equal(model.Metrics["roc_auc"], loaded.Metrics["roc_auc"]);
    }

    [Fact]
    public void Load_NotJson_ThrowsCorrupt()
    {
        var e = Assert.Throws<ScreeningModelException>(() => ScreeningModel.Load("not json"u8));

        Assert.Equal(ScreeningModelError.Corrupt, e.Error);
    }

    [Fact]
    public void Load_OtherFormat_ThrowsUnsupportedFormat()
    {
        var e = Assert.Throws<ScreeningModelException>(() => ScreeningModel.Load("{\"format\":\"other/9\"}"u8));

        Assert.Equal(ScreeningModelError.UnsupportedFormat, e.Error);
    }

    [Fact]
    public void Load_TamperedWeight_ThrowsCorrupt()
    {
        string json = Encoding.UTF8.GetString(Trained.Value.ToJsonBytes());
        string tampered = json.Replace("\"bias\":", "\"bias\":1", StringComparison.Ordinal);

        var e = Assert.Throws<ScreeningModelException>(() => ScreeningModel.Load(Encoding.UTF8.GetBytes(tampered)));

        Assert.Equal(ScreeningModelError.Corrupt, e.Error);
    }

    [Fact]
    public void Logit_WrongFeatureCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Trained.Value.Logit(new float[3]));
    }

    [Fact]
    public void CreateFeatures_ModelWithoutEncoder_IgnoresEncoderAndMatchesNames()
    {
        var features = Trained.Value.CreateFeatures(encoder: null);

        Assert.Equal(Trained.Value.FeatureNames, features.Names);
        Assert.True(Trained.Value.Accepts(features));
    }

    [Fact]
    public void Explain_ReturnsEveryFeatureLargestFirst()
    {
        var x = ScreeningTestData.Examples(1, 1, seed: 5)[0].Features;

        var contributions = Trained.Value.Explain(x);

        Assert.Equal(x.Length, contributions.Count);
        Assert.True(Math.Abs(contributions[0].Value) >= Math.Abs(contributions[^1].Value));
    }
}
