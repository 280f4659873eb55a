using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ScreeningModelTrainerTests
{
    private static ScreeningModelTrainer CreateSut(ScreeningModelTrainer.Options? options = null) => new(options ?? new ScreeningModelTrainer.Options { Seed = 7 });

    [Fact]
    public void Train_RealLabels_HeldOutAucAtLeast08()
    {
        var result = CreateSut().Train(ScreeningTestData.Features(), ScreeningTestData.Examples(30, 40, seed: 1));

        Assert.InRange(result.HeldOut.RocAuc, 0.8, 1);
        Assert.InRange(result.HeldOut.F1, 0.55, 1);
        Assert.True(result.TestPairs > 100);
    }

    [Fact]
    public void Train_ShuffledLabels_HeldOutAucAtMost065()
    {
        var result = CreateSut().Train(ScreeningTestData.Features(), ScreeningTestData.Examples(30, 40, seed: 1, shuffle: true));

        Assert.InRange(result.HeldOut.RocAuc, 0, 0.65);
    }

    [Fact]
    public void Train_HeldOutSplit_NoCandidateOnBothSides()
    {
        var examples = ScreeningTestData.Examples(10, 40, seed: 2);
        // The same candidates applying to two jobs: the split must keep each candidate's pairs together.
        var twice = examples.Concat(examples.Select(e => e with { JobId = e.JobId + "-b" })).ToList();
        var train = twice.Where(e => !ScreeningModelTrainer.HeldOut(e.CandidateId, 7, 0.25)).Select(e => e.CandidateId).ToHashSet();
        var test = twice.Where(e => ScreeningModelTrainer.HeldOut(e.CandidateId, 7, 0.25)).Select(e => e.CandidateId).ToHashSet();

        var result = CreateSut().Train(ScreeningTestData.Features(), twice);

        Assert.Empty(train.Intersect(test));
        Assert.Equal(twice.Count, result.TrainPairs + result.TestPairs);
        Assert.Equal(test.Count, result.TestCandidates);
    }

    [Fact]
    public void Train_SameSeed_SameVersion()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 3);

        var a = CreateSut().Train(ScreeningTestData.Features(), examples).Model;
        var b = CreateSut().Train(ScreeningTestData.Features(), examples).Model;

        Assert.Equal(a.Version, b.Version);
        Assert.StartsWith("screening-", a.Version, StringComparison.Ordinal);
        Assert.Equal(a.DataFingerprint, b.DataFingerprint);
    }

    [Fact]
    public void Train_NoPositives_ThrowsNoPositives()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 4).Select(e => e with { Shortlisted = false }).ToList();

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.NoPositives, e.Error);
    }

    [Fact]
    public void Train_OnlyPositives_ThrowsNoNegatives()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 4).Select(e => e with { Shortlisted = true }).ToList();

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.NoNegatives, e.Error);
    }

    [Fact]
    public void Train_HeldOutWithoutNegatives_ThrowsNoHeldOutNegatives()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 5)
            .Select(e => ScreeningModelTrainer.HeldOut(e.CandidateId, 7, 0.25) ? e with { Shortlisted = true } : e).ToList();

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.NoHeldOutNegatives, e.Error);
    }

    [Fact]
    public void Train_TooFewPairs_ThrowsTooFewSamples()
    {
        var examples = ScreeningTestData.Examples(1, 8, seed: 6);

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.TooFewSamples, e.Error);
    }

    [Fact]
    public void Train_OneReviewerGivesBothLabels_ThrowsContradictoryLabels()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 7);
        examples.Add(examples[0] with { Shortlisted = !examples[0].Shortlisted });

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.ContradictoryLabels, e.Error);
    }

    [Fact]
    public void Train_WrongFeatureCount_ThrowsBadFeatures()
    {
        var examples = ScreeningTestData.Examples(10, 30, seed: 8);
        examples[3] = examples[3] with { Features = [1, 2, 3] };

        var e = Assert.Throws<ScreeningTrainingException>(() => CreateSut().Train(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.BadFeatures, e.Error);
    }

    [Fact]
    public void Train_PerJobOffsets_JobWithHighBaseRateGetsPositiveOffsetAndFewVerdictsStayNearZero()
    {
        var examples = ScreeningTestData.Examples(20, 40, seed: 9);
        // job-0: everyone shortlisted whatever the features (a lenient owner); job-1: two verdicts only.
        examples = [.. examples.Select(e => e.JobId == "job-0" ? e with { Shortlisted = true } : e)];
        examples = [.. examples.Where(e => e.JobId != "job-1" || e.CandidateId is "cand-1-0" or "cand-1-1")];

        var model = CreateSut(new ScreeningModelTrainer.Options { Seed = 7, PerJobOffsets = true }).Train(ScreeningTestData.Features(), examples).Model;

        Assert.True(model.JobEffects["job-0"].Offset > 1, $"offset {model.JobEffects["job-0"].Offset}");
        if (model.JobEffects.TryGetValue("job-1", out var few)) Assert.InRange(few.Offset, -0.8, 0.8);
        var x = examples.First(e => e.JobId == "job-0").Features;
        Assert.True(model.Probability(x, "job-0") > model.Probability(x));
    }

    [Fact]
    public void Train_WithParentAndFewPairs_StaysNearParentWeights()
    {
        var features = ScreeningTestData.Features();
        var parent = CreateSut().Train(features, ScreeningTestData.Examples(30, 40, seed: 10)).Model;
        var few = ScreeningTestData.Examples(4, 8, seed: 11);

        var child = CreateSut(new ScreeningModelTrainer.Options { Seed = 7, Parent = parent, MinSamples = 4, TestFraction = 0.3 }).Train(features, few).Model;
        var orphan = CreateSut(new ScreeningModelTrainer.Options { Seed = 7, MinSamples = 4, TestFraction = 0.3 }).Train(features, few).Model;

        double Distance(ScreeningModel m) => m.Weights.Zip(parent.Weights, (a, b) => (a - b) * (a - b)).Sum();
        Assert.Equal(parent.Version, child.ParentVersion);
        Assert.True(Distance(child) < Distance(orphan));
    }

    [Fact]
    public void MaxF1Threshold_SeparableScores_FallsBetweenClasses()
    {
        double threshold = ScreeningModelTrainer.MaxF1Threshold([0.9, 0.8, 0.3, 0.2], [true, true, false, false]);

        Assert.InRange(threshold, 0.3, 0.8);
    }

    [Fact]
    public void FitAll_RealLabels_ScoresUnseenPairsAndFingerprintsEveryPair()
    {
        var features = ScreeningTestData.Features();
        var examples = ScreeningTestData.Examples(30, 40, seed: 1);
        var unseen = ScreeningTestData.Examples(30, 20, seed: 21).Select(e => e with { JobId = "new-" + e.JobId }).ToList();

        var model = CreateSut().FitAll(features, examples);
        var heldOutFit = CreateSut().Train(features, examples).Model;
        double auc = TalentFlow.ML.Metrics.ClassificationMetrics.RocAuc([.. unseen.Select(e => model.Probability(e.Features, e.JobId))], [.. unseen.Select(e => e.Shortlisted)]);

        Assert.InRange(auc, 0.8, 1);
        Assert.Equal(heldOutFit.DataFingerprint, model.DataFingerprint);
        Assert.NotEqual(heldOutFit.Version, model.Version);
    }

    [Fact]
    public void FitAll_ShuffledLabels_UnseenAucNearChance()
    {
        var model = CreateSut().FitAll(ScreeningTestData.Features(), ScreeningTestData.Examples(30, 40, seed: 1, shuffle: true));
        var unseen = ScreeningTestData.Examples(30, 20, seed: 21).Select(e => e with { JobId = "new-" + e.JobId }).ToList();

        double auc = TalentFlow.ML.Metrics.ClassificationMetrics.RocAuc([.. unseen.Select(e => model.Probability(e.Features, e.JobId))], [.. unseen.Select(e => e.Shortlisted)]);

        Assert.InRange(auc, 0, 0.65);
    }

    [Fact]
    public void FitAll_OnlyPositives_ThrowsNoNegatives()
    {
        var examples = ScreeningTestData.Examples(5, 20, seed: 4).Select(e => e with { Shortlisted = true }).ToList();

        var ex = Assert.Throws<ScreeningTrainingException>(() => CreateSut().FitAll(ScreeningTestData.Features(), examples));

        Assert.Equal(ScreeningTrainingError.NoNegatives, ex.Error);
    }
}
