using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerClassifierTrainerTests
{
    /// <summary>Three Gaussian blobs in 8 dimensions, unbalanced (60 / 30 / 12), from a seed.</summary>
    private static (float[][] X, int[] Y) Blobs(int seed)
    {
        var random = new Random(seed);
        var x = new List<float[]>();
        var y = new List<int>();
        foreach (var (label, count) in new[] { (0, 60), (1, 30), (2, 12) })
        {
            for (int i = 0; i < count; i++)
            {
                x.Add([.. Enumerable.Range(0, 8).Select(d => (float)((d % 3 == label ? 2.0 : 0.0) + random.NextDouble() - 0.5))]);
                y.Add(label);
            }
        }

        return ([.. x], [.. y]);
    }

    [Fact]
    public void Train_SeparableUnbalancedClasses_ClassifiesHeldOutRows()
    {
        var (x, y) = Blobs(1);
        var (test, labels) = Blobs(2);

        var (model, report) = CareerClassifierTrainer.Train(x, y, 3, new() { Hidden = 32 });

        var accuracy = test.Select((row, i) => Array.IndexOf(model.Probabilities(row), model.Probabilities(row).Max()) == labels[i] ? 1.0 : 0.0).Average();
        Assert.InRange(accuracy, 0.95, 1);
        Assert.InRange(report.BestEpoch, 1, 200);
        Assert.True(report.ValidationSamples > 0);
        Assert.True(report.Temperature > 0);
        Assert.InRange(model.Probabilities(test[0]).Sum(), 0.999f, 1.001f);
    }

    [Fact]
    public void Train_RandomLabels_StopsWithinPatienceOfTheBestEpoch()
    {
        var (x, _) = Blobs(4);
        var random = new Random(9);
        var y = x.Select(_ => random.Next(3)).ToArray();

        var (_, report) = CareerClassifierTrainer.Train(x, y, 3, new() { Hidden = 64, LearningRate = 0.01, RefitOnAll = false });

        Assert.True(report.BestEpoch < 200);
        Assert.Equal(report.BestEpoch + 3, report.Epochs);
    }

    [Fact]
    public void Train_SameSeed_GivesTheSameProbabilities()
    {
        var (x, y) = Blobs(3);

        var a = CareerClassifierTrainer.Train(x, y, 3, new() { Hidden = 16, Seed = 5 }).Model;
        var b = CareerClassifierTrainer.Train(x, y, 3, new() { Hidden = 16, Seed = 5 }).Model;

        Assert.Equal(a.Probabilities(x[7]), b.Probabilities(x[7]));
    }

    [Fact]
    public void FitTemperature_OverconfidentWrongLogits_RaisesTheTemperature()
    {
        float[][] logits = [[10, 0], [10, 0], [0, 10], [10, 0]];
        int[] labels = [0, 1, 1, 1];

        Assert.True(CareerClassifierTrainer.FitTemperature(logits, labels, 2) > 1);
    }

    [Theory]
    [InlineData(0, 0.3)]
    [InlineData(16, 1.0)]
    public void Train_InvalidOptions_Throws(int hidden, double dropout)
    {
        var (x, y) = Blobs(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => CareerClassifierTrainer.Train(x, y, 3, new() { Hidden = hidden, Dropout = dropout }));
    }
}
