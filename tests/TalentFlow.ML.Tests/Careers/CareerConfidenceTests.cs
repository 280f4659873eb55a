using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Careers;

/// <summary>Calibration metrics, the smoothed temperature and the out-of-domain answer of the career advisor.</summary>
public sealed class CareerConfidenceTests : IDisposable
{
    private const string NurseResume = """
        Registered nurse with six years on a surgical hospital ward. Patient care and triage for up to eight patients per
        shift, medication administration, wound care, vital signs and care plans; electronic health records; BLS certified.
        Taught families how to care for patients at home after discharge.
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-confidence-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ExpectedCalibrationError_KnownBins_IsTheWeightedGap()
    {
        // Bin 0.9–1.0: confidences 0.9, 0.9 with one right (gap 0.4); bin 0.6–0.7: 0.6 right (gap 0.4). ECE = (2·0.4 + 0.4) / 3.
        float[][] p = [[0.9f, 0.1f], [0.1f, 0.9f], [0.6f, 0.4f]];
        int[] y = [0, 0, 0];

        Assert.Equal(0.4, CareerCalibration.ExpectedCalibrationError(p, y), 6);
    }

    [Fact]
    public void Brier_CertainAndRightAgainstCertainAndWrong_ZeroAndTwo()
    {
        Assert.Equal(0, CareerCalibration.Brier([[1f, 0f]], [0]), 9);
        Assert.Equal(2, CareerCalibration.Brier([[1f, 0f]], [1]), 9);
        Assert.Equal(0.5, CareerCalibration.Brier([[0.5f, 0.5f]], [1]), 9);
    }

    [Fact]
    public void FitTemperature_FewRowsAllRight_StaysAboveTheFloorSoConfidenceIsNotOne()
    {
        // Nine validation rows, every one separated by a wide margin: hard targets would drive T to the floor (answers of
        // exactly 1 and 0); Platt's smoothed targets keep the top probability near (n + 1) / (n + 2).
        var logits = Enumerable.Range(0, 9).Select(i => i % 3 == 0 ? new[] { 5f, -5f, -5f } : i % 3 == 1 ? [-5f, 5f, -5f] : new[] { -5f, -5f, 5f }).ToArray();
        int[] labels = [.. Enumerable.Range(0, 9).Select(i => i % 3)];

        var t = CareerClassifierTrainer.FitTemperature(logits, labels, 3);
        var p = new float[3];
        TalentFlow.ML.Numerics.StableSoftMax.Apply(logits[0], t, p);

        Assert.True(t > 0.06, $"T = {t}");
        Assert.InRange(p[0], 0.8f, 0.97f);
    }

    [Fact]
    public void Recommend_SampleModelOnARealLookingResume_IsInDomain()
    {
        var advisor = new CareerAdvisor(CareerModelTests.SampleModel(Path.Combine(_dir, "onet")));

        var advice = advisor.Recommend(NurseResume);

        Assert.False(advice.OutOfDomain, advice.ConfidenceNote);
        Assert.Null(advice.ConfidenceNote);
        Assert.Equal("Registered Nurse", advice.Careers[0].Career);
    }

    [Fact]
    public void Recommend_TfidfSampleModelOnARealLookingResume_IsConfidentButNotCertain()
    {
        // The silo's start model: its temperature comes from 60 out-of-fold rows with smoothed targets, so even a clear resume
        // leaves the other careers a probability that survives the API's rounding to four decimals.
        var advice = new CareerAdvisor(TfidfSampleModel()).Recommend(NurseResume, top: 2);

        Assert.Equal("Registered Nurse", advice.Careers[0].Career);
        Assert.InRange(Math.Round(advice.Careers[0].Confidence, 4), 0.5, 0.9999);
        Assert.True(Math.Round(advice.Careers[1].Confidence, 4) > 0);
    }

    [Theory]
    [InlineData("asdf qwerty")]
    [InlineData("zxqv plorkt wubbanog fremmish drabulon quistle ventrawk")]
    [InlineData("banana river purple umbrella kitten mountain pillow thunder candle pebble")]
    [InlineData("Preheat the oven to 180 degrees. Whisk the eggs with sugar until fluffy, fold in the flour and bake for twenty minutes.")]
    [InlineData("hello")]
    public void Recommend_TextUnlikeAnyCareer_AnswersThePriorAndSaysWhy(string text)
    {
        var advisor = new CareerAdvisor(CareerModelTests.SampleModel(Path.Combine(_dir, "onet")));

        var advice = advisor.Recommend(text, top: 3);

        Assert.True(advice.OutOfDomain);
        Assert.False(string.IsNullOrWhiteSpace(advice.ConfidenceNote));
        Assert.All(advice.Careers, c => Assert.Equal(1f / 6, c.Confidence, 4));
    }

    [Fact]
    public void Recommend_TfidfModelOnGibberish_FlagsUnknownWordsAndKeepsAResume()
    {
        var model = TfidfSampleModel();
        var advisor = new CareerAdvisor(model);

        var gibberish = advisor.Recommend("qwerty asdf zxcv uiop hjkl bnm");
        var resume = advisor.Recommend(NurseResume);

        Assert.True(gibberish.OutOfDomain);
        Assert.Contains("vocabulary", gibberish.ConfidenceNote, StringComparison.Ordinal);
        Assert.Equal(0, model.DomainSignals("qwerty asdf zxcv").KnownWords);
        Assert.False(resume.OutOfDomain, resume.ConfidenceNote);
        Assert.Equal("Registered Nurse", resume.Careers[0].Career);
    }

    private static CareerModel TfidfSampleModel() =>
        CareerModelTrainer.Train(CareerDataSetLoader.Load(null), onet: null, new CareerModelOptions { Dimensions = 32, ClassifierKind = CareerClassifierKind.Tfidf });

    [Fact]
    public void Validate_ThresholdOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CareerDomainOptions { MinKnownShare = 1.5 }.Validate());
}
