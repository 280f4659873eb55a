using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Tests.ConvFm;

public sealed class ConvFmOptionsTests
{
    [Fact]
    public void Defaults_AsSeed003_Validate()
    {
        var options = new ConvFmOptions();
        options.Validate();
        Assert.Equal(64, options.EmbeddingDim);
        Assert.Equal(64, options.ConvFilters);
        Assert.Equal(3, options.ConvKernelSize);
        Assert.Equal(1, options.ConvPadding);
        Assert.Equal([128, 64, 32], options.HiddenUnits);
        Assert.Equal(0.2, options.Dropout);
        Assert.Equal(1e-3, options.LearningRate);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(50, options.Epochs);
        Assert.Equal(10, options.EarlyStoppingPatience);
        Assert.Equal((0.9, 0.999, 1e-8, 0.0), (options.Beta1, options.Beta2, options.AdamEpsilon, options.WeightDecay));
    }

    public static TheoryData<ConvFmOptions, string> Invalid() => new()
    {
        { new ConvFmOptions { EmbeddingDim = 0 }, nameof(ConvFmOptions.EmbeddingDim) },
        { new ConvFmOptions { ConvFilters = -1 }, nameof(ConvFmOptions.ConvFilters) },
        { new ConvFmOptions { ConvKernelSize = 9, ConvPadding = 1 }, nameof(ConvFmOptions.ConvPadding) },
        { new ConvFmOptions { HiddenUnits = [128, 0] }, nameof(ConvFmOptions.HiddenUnits) },
        { new ConvFmOptions { Dropout = 1.0 }, nameof(ConvFmOptions.Dropout) },
        { new ConvFmOptions { LearningRate = double.NaN }, nameof(ConvFmOptions.LearningRate) },
        { new ConvFmOptions { Beta2 = 1.0 }, nameof(ConvFmOptions.Beta2) },
        { new ConvFmOptions { WeightDecay = -1 }, nameof(ConvFmOptions.WeightDecay) },
        { new ConvFmOptions { BatchSize = 1 }, nameof(ConvFmOptions.BatchSize) },
        { new ConvFmOptions { EarlyStoppingPatience = 0 }, nameof(ConvFmOptions.EarlyStoppingPatience) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidSetting_ThrowsNamingIt(ConvFmOptions options, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, e.ParamName);
    }
}
