using TalentFlow.ML.ActiveLearning;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.ActiveLearning;

public sealed class ActiveLearningSimulationTests
{
    private static readonly ActiveLearningSimulation.Options Options = new()
    {
        SeedSize = 10,
        BatchSize = 10,
        Budget = 200,
        Model = new LinearSvmTrainer.Options { C = 10 },
    };

    [Fact]
    public void Run_SeparableRareShortlist_UncertaintyReachesRandomsAccuracyWithAtLeast30PercentFewerSamples()
    {
        var task = CreateTask(seed: 1);

        var random = LearningCurve.Mean([.. Enumerable.Range(0, 3).Select(s => ActiveLearningSimulation.Run(task, SamplingStrategy.Random, Options with { Seed = s }))]);
        var uncertainty = LearningCurve.Mean([.. Enumerable.Range(0, 3).Select(s => ActiveLearningSimulation.Run(task, SamplingStrategy.Uncertainty, Options with { Seed = s }))]);
        var saving = LabelSaving.Compute(random, uncertainty, CurveMetric.Accuracy);

        Assert.NotNull(saving.CandidateSamples);
        Assert.True(saving.Saving >= 0.3, $"random reached {saving.Target:F4} at {saving.BaselineSamples}, uncertainty at {saving.CandidateSamples}");
        Assert.True(uncertainty.Last.F1 >= random.Last.F1, $"F1 at the budget: uncertainty {uncertainty.Last.F1:F3}, random {random.Last.F1:F3}");
        Assert.True(uncertainty.Last.Shortlisted > random.Last.Shortlisted, "uncertainty should have found more of the rare shortlist");
    }

    [Fact]
    public void Run_Budget_OnePointAfterTheSeedSetAndOnePerBatch()
    {
        var task = CreateTask(seed: 2);

        var curve = ActiveLearningSimulation.Run(task, SamplingStrategy.Uncertainty, Options with { Budget = 45 });

        Assert.Equal([10, 20, 30, 40, 45], curve.Points.Select(p => p.Samples));
        Assert.All(curve.Points, p => Assert.InRange(p.Accuracy, 0, 1));
        Assert.Equal(1, curve.Points[0].Shortlisted); // the stratified seed set: round(10 × ~10 %) shortlisted
        Assert.Equal(curve.Points.Select(p => p.Shortlisted).Order(), curve.Points.Select(p => p.Shortlisted));
    }

    [Fact]
    public void Run_SameSeed_BothStrategiesStartFromTheSameSeedSet()
    {
        var task = CreateTask(seed: 3);

        var random = ActiveLearningSimulation.Run(task, SamplingStrategy.Random, Options with { Budget = 10, Seed = 4 });
        var uncertainty = ActiveLearningSimulation.Run(task, SamplingStrategy.Uncertainty, Options with { Budget = 10, Seed = 4 });

        Assert.Equal(random.Points.Single(), uncertainty.Points.Single());
    }

    [Fact]
    public void SeedSet_RarePositives_StratifiedWithAtLeastOnePositive()
    {
        bool[] labels = [.. Enumerable.Range(0, 200).Select(i => i % 25 == 0)]; // 4 % shortlisted

        var seed = ActiveLearningSimulation.SeedSet(labels, 10, new Random(0));

        Assert.Equal(10, seed.Distinct().Count());
        Assert.Equal(1, seed.Count(i => labels[i]));
    }

    [Fact]
    public void Run_BudgetBelowSeedSetOrTinySeedSet_Throws()
    {
        var task = CreateTask(seed: 5);

        Assert.Throws<ArgumentOutOfRangeException>(() => ActiveLearningSimulation.Run(task, SamplingStrategy.Random, Options with { Budget = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActiveLearningSimulation.Run(task, SamplingStrategy.Random, Options with { SeedSize = 1 }));
    }

    [Fact]
    public void FullPool_EveryPoolItemReviewed_CountsThePoolAndItsShortlist()
    {
        var task = CreateTask(seed: 6);

        var point = ActiveLearningSimulation.FullPool(task, Options);

        Assert.Equal(task.Pool.Count, point.Samples);
        Assert.Equal(task.PoolLabels.Count(l => l), point.Shortlisted);
        Assert.InRange(point.Accuracy, 0.95, 1); // a separable task: the model on every label is near perfect
    }

    [Fact]
    public void ShortlistTask_PoolWithOneLabel_Throws()
    {
        SparseVector[] x = [new([0], [1f]), new([0], [2f])];

        Assert.Throws<ArgumentException>(() => new ShortlistTask(x, [false, false], x, [false, true], 1));
    }

    /// <summary>
    /// Points in the unit square (the second feature is noise), shortlisted when x₀ &gt; 0.9: a rare class (about
    /// 10 %) behind a linear boundary that random sampling meets only now and then.
    /// </summary>
    private static ShortlistTask CreateTask(int seed)
    {
        var random = new Random(seed);
        (SparseVector[] X, bool[] Y) Draw(int n)
        {
            var x = new SparseVector[n];
            var y = new bool[n];
            for (int i = 0; i < n; i++)
            {
                float a = (float)random.NextDouble(), b = (float)random.NextDouble();
                x[i] = new SparseVector([0, 1], [a, b]);
                y[i] = a > 0.9f;
            }

            return (x, y);
        }

        var pool = Draw(1000);
        var test = Draw(1000);
        return new ShortlistTask(pool.X, pool.Y, test.X, test.Y, 2);
    }
}
