using TalentFlow.ML.ActiveLearning;

namespace TalentFlow.ML.Tests.ActiveLearning;

public sealed class LabelSavingTests
{
    // Hand-made curves: random creeps up to 0.96 at 50 samples; uncertainty reaches 0.95 at 20 and 0.96 at 30.
    private static readonly LearningCurve RandomCurve = Curve((10, 0.90, 0.10), (20, 0.92, 0.20), (30, 0.94, 0.30), (40, 0.95, 0.40), (50, 0.96, 0.50));
    private static readonly LearningCurve UncertaintyCurve = Curve((10, 0.90, 0.10), (20, 0.95, 0.45), (30, 0.96, 0.60), (40, 0.97, 0.70), (50, 0.97, 0.72));

    [Fact]
    public void Compute_TargetAtRandomsLastPoint_IsOneMinusSampleRatio()
    {
        var saving = LabelSaving.Compute(RandomCurve, UncertaintyCurve, CurveMetric.Accuracy);

        Assert.Equal(0.96, saving.Target, 12);
        Assert.Equal(50, saving.BaselineSamples);
        Assert.Equal(30, saving.CandidateSamples);
        Assert.Equal(0.4, saving.Saving!.Value, 12); // 1 − 30/50
    }

    [Fact]
    public void Compute_F1AndEarlierTarget_ReadTheirOwnPoints()
    {
        var f1 = LabelSaving.Compute(RandomCurve, UncertaintyCurve, CurveMetric.F1);
        var at40 = LabelSaving.Compute(RandomCurve, UncertaintyCurve, CurveMetric.Accuracy, atSamples: 40);

        Assert.Equal((0.50, 50, 30), (f1.Target, f1.BaselineSamples, f1.CandidateSamples!.Value));
        Assert.Equal(0.4, f1.Saving!.Value, 12);
        Assert.Equal((0.95, 40, 20), (at40.Target, at40.BaselineSamples, at40.CandidateSamples!.Value));
        Assert.Equal(0.5, at40.Saving!.Value, 12); // 1 − 20/40
    }

    [Fact]
    public void Compute_BaselinePeaksBeforeItsEnd_CountsTheFirstPointReachingTheTarget()
    {
        var bumpy = Curve((10, 0.90, 0), (20, 0.97, 0), (30, 0.95, 0), (40, 0.96, 0));

        var saving = LabelSaving.Compute(bumpy, UncertaintyCurve, CurveMetric.Accuracy);

        Assert.Equal(20, saving.BaselineSamples); // 0.97 at 20 already reaches the final 0.96
        Assert.Equal(30, saving.CandidateSamples);
        Assert.Equal(-0.5, saving.Saving!.Value, 12); // uncertainty needs more here: a negative saving
    }

    [Fact]
    public void Compute_CandidateNeverReaches_HasNoSaving()
    {
        var flat = Curve((10, 0.90, 0.1), (20, 0.91, 0.1), (30, 0.92, 0.1), (40, 0.93, 0.1), (50, 0.94, 0.1));

        var saving = LabelSaving.Compute(RandomCurve, flat, CurveMetric.Accuracy);

        Assert.Null(saving.CandidateSamples);
        Assert.Null(saving.Saving);
        Assert.Throws<ArgumentException>(() => LabelSaving.Compute(RandomCurve, flat, CurveMetric.Accuracy, atSamples: 35));
    }

    [Fact]
    public void Mean_TwoCurves_AveragesPointwiseAndRejectsDifferentGrids()
    {
        var mean = LearningCurve.Mean([RandomCurve, UncertaintyCurve]);

        Assert.Equal([10, 20, 30, 40, 50], mean.Points.Select(p => p.Samples));
        Assert.Equal(0.935, mean.Points[1].Accuracy, 12);
        Assert.Equal(0.61, mean.Last.F1, 12);
        Assert.Throws<ArgumentException>(() => LearningCurve.Mean([RandomCurve, Curve((10, 0.9, 0.1), (25, 0.9, 0.1))]));
        Assert.Throws<ArgumentException>(() => Curve((10, 0.9, 0.1), (10, 0.9, 0.1)));
    }

    private static LearningCurve Curve(params (int Samples, double Accuracy, double F1)[] points) =>
        new([.. points.Select(p => new LearningCurvePoint(p.Samples, p.Accuracy, p.F1))]);
}
