using TalentFlow.ML.Metrics;
using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Tests.ConvFm;

public sealed class ConvFmTrainerTests
{
    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalWeights()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var train = ConvFmTestData.Synthetic(200, 1, vocabularies);
        var validation = ConvFmTestData.Synthetic(50, 2, vocabularies);
        var first = CreateSut(epochs: 3).Train(vocabularies, train, validation);
        var second = CreateSut(epochs: 3).Train(vocabularies, train, validation);
        for (var i = 0; i < first.Tensors.Count; i++)
        {
            Assert.Equal(first.Tensors[i].Data, second.Tensors[i].Data);
        }
    }

    [Fact]
    public void Train_OneThreadOrSeveral_GivesIdenticalWeights()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var train = ConvFmTestData.Synthetic(200, 1, vocabularies);
        var options = CreateSut(epochs: 2).Options;
        var single = new ConvFmTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(vocabularies, train);
        var several = new ConvFmTrainer(options with { MaxDegreeOfParallelism = 3 }).Train(vocabularies, train);
        for (var i = 0; i < single.Tensors.Count; i++)
        {
            Assert.Equal(single.Tensors[i].Data, several.Tensors[i].Data);
        }
    }

    [Fact]
    public void Train_DifferentSeed_GivesDifferentWeights()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var train = ConvFmTestData.Synthetic(100, 1, vocabularies);
        var first = CreateSut(epochs: 1).Train(vocabularies, train);
        var second = new ConvFmTrainer(CreateSut(epochs: 1).Options with { Seed = 12345 }).Train(vocabularies, train);
        Assert.NotEqual(first.Tensors[0].Data, second.Tensors[0].Data);
    }

    [Fact]
    public void Train_LearnableSyntheticTask_ReachesHighHeldOutAuc()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var train = ConvFmTestData.Synthetic(1500, 1, vocabularies);
        var validation = ConvFmTestData.Synthetic(300, 2, vocabularies);
        var test = ConvFmTestData.Synthetic(300, 3, vocabularies);
        var model = CreateSut(epochs: 30).Train(vocabularies, train, validation);

        var scores = new float[test.Count];
        model.Predict([.. test.Select(e => e.Input)], scores);
        var auc = ClassificationMetrics.RocAuc([.. scores.Select(s => (double)s)], [.. test.Select(e => e.Label > 0.5f)]);
        Assert.InRange(auc, 0.9, 1.0);
        Assert.True(model.Metrics["validation_loss"] < 0.45, $"validation loss {model.Metrics["validation_loss"]}");
    }

    [Fact]
    public void Train_NoisyLabels_StopsEarlyAtBestEpochPlusPatience()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var random = new Random(5);
        List<ConvFmExample> Noise(int n, int seed) =>
            [.. ConvFmTestData.Synthetic(n, seed, vocabularies).Select(e => e with { Label = random.Next(2) })];
        var options = CreateSut(epochs: 50).Options with { EarlyStoppingPatience = 3 };
        var model = new ConvFmTrainer(options).Train(vocabularies, Noise(200, 1), Noise(100, 2));

        Assert.True(model.Metrics["epochs"] < 50, $"ran {model.Metrics["epochs"]} epochs");
        Assert.Equal(model.Metrics["best_epoch"] + 3, model.Metrics["epochs"]);
    }

    [Fact]
    public void Train_IdOutsideVocabulary_Throws()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        List<ConvFmExample> train = [.. ConvFmTestData.Synthetic(10, 1, vocabularies), new(new ConvFmInput(999, 0, [], 0, 0), 1)];
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut(epochs: 1).Train(vocabularies, train));
    }

    private static ConvFmTrainer CreateSut(int epochs) => new(new ConvFmOptions
    {
        EmbeddingDim = 8,
        ConvFilters = 8,
        HiddenUnits = [16, 8],
        EmbeddingInitStd = 0.1,
        LearningRate = 1e-2,
        BatchSize = 32,
        Epochs = epochs,
        Seed = 3,
    });
}
