using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>Bad input to the fine-tuner: a <see cref="FineTuneException"/> with one readable sentence, before any work.</summary>
public sealed class FineTunerInputTests
{
    private static readonly TextPair[] Pairs = [new("python developer", "software developer", 1), new("nurse", "software developer", 0)];

    private static Task<EncoderFineTuneResult> Run(IReadOnlyList<TextPair> train, IReadOnlyList<TextPair> validation, EncoderFineTuneOptions? options = null,
        string? baseModel = null) =>
        new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(train, validation, Path.Combine(Path.GetTempPath(), "never-written"))
        {
            Options = options ?? new EncoderFineTuneOptions(),
            BaseModelDirectory = baseModel,
        });

    [Fact]
    public async Task FineTuneAsync_NoTrainingPairs_Throws()
    {
        var e = await Assert.ThrowsAsync<FineTuneException>(() => Run([], Pairs));
        Assert.Equal("no training pairs", e.Message);
    }

    [Fact]
    public async Task FineTuneAsync_BlankText_Throws()
    {
        var e = await Assert.ThrowsAsync<FineTuneException>(() => Run([.. Pairs, new(" ", "x", 1)], Pairs));
        Assert.Contains("pair 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FineTuneAsync_ContrastiveWithoutPositives_Throws()
    {
        var e = await Assert.ThrowsAsync<FineTuneException>(() => Run([Pairs[1]], Pairs, new EncoderFineTuneOptions { Loss = FineTuneLoss.Contrastive }));
        Assert.Contains("positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FineTuneAsync_MoreLayersThanTheModelHas_Throws()
    {
        var e = await Assert.ThrowsAsync<FineTuneException>(() => Run(Pairs, Pairs, new EncoderFineTuneOptions { TrainLayers = 7 }));
        Assert.Contains("the model has 6 layers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FineTuneAsync_BaseFolderWithoutModel_Throws()
    {
        using var folder = new TempFolder();
        var e = await Assert.ThrowsAsync<FineTuneException>(() => Run(Pairs, Pairs, baseModel: folder.Path));
        Assert.Contains("model.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BatchOfOne_Throws() =>
        Assert.Throws<FineTuneException>(() => new EncoderFineTuneOptions { BatchSize = 1 }.Validate());
}
