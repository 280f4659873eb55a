using TalentFlow.ML.Careers;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerTextFeaturesTests
{
    private static readonly CareerModelOptions Fast = new() { Dimensions = 16, Folds = 3, ClassifierKind = CareerClassifierKind.Tfidf };

    /// <summary>
    /// Two careers whose bodies mention both titles, a random number of times each: only the first words (the headline) say
    /// which career a text is.
    /// </summary>
    private static (string[] Texts, string[] Labels) HeadlineSamples()
    {
        string[] filler = ["reports", "meetings", "budget", "clients", "planning", "data", "teams", "quality", "review", "process", "tools", "projects"];
        var random = new Random(11);
        var texts = new List<string>();
        var labels = new List<string>();
        for (int i = 0; i < 80; i++)
        {
            bool pilot = i % 2 == 0;
            var words = Enumerable.Range(0, 12).Select(_ => filler[random.Next(filler.Length)]).ToList();
            for (int k = random.Next(1, 4); k > 0; k--) words.Insert(random.Next(words.Count), "ferry pilot");
            for (int k = random.Next(1, 4); k > 0; k--) words.Insert(random.Next(words.Count), "harbour master");
            texts.Add((pilot ? "Ferry Pilot. " : "Harbour Master. ") + string.Join(' ', words));
            labels.Add(pilot ? "Ferry Pilot" : "Harbour Master");
        }

        return ([.. texts], [.. labels]);
    }

    [Theory]
    [InlineData("HR ADMINISTRATOR/MARKETING ASSOCIATE\nSummary ...", 3, "HR ADMINISTRATOR MARKETING")]
    [InlineData("  -- Senior  Java-Developer, 2019", 5, "Senior Java Developer 2019")]
    [InlineData("", 5, "")]
    [InlineData("one two", 5, "one two")]
    public void HeadlineOf_Text_TakesTheFirstRunsOfLettersOrDigits(string text, int words, string expected)
    {
        Assert.Equal(expected, CareerTextFeatures.HeadlineOf(text, words));
    }

    [Fact]
    public void Transform_WithHeadline_AppendsTheWeightedHeadlineBlockAfterTheBody()
    {
        string[] texts = ["tax accountant ledgers audits", "marine biologist reefs fieldwork"];

        var features = CareerTextFeatures.Fit(texts, new TfidfOptions(), headlineWords: 2, headlineWeight: 0.5f);
        var x = features.Transform("marine biologist audits");

        Assert.Equal(features.Body.Terms.Count + features.Headline!.Terms.Count, features.Count);
        var body = features.Body.Transform("marine biologist audits");
        var head = features.Headline.Transform("marine biologist");
        Assert.Equal([.. body.Indices, .. head.Indices.Select(i => i + features.Body.Terms.Count)], x.Indices);
        Assert.Equal([.. body.Values, .. head.Values.Select(v => 0.5f * v)], x.Values);
        var plain = CareerTextFeatures.Fit(texts, new TfidfOptions(), headlineWords: 0).Transform("marine biologist audits");
        Assert.Equal(body.Indices, plain.Indices);
        Assert.Equal(body.Values, plain.Values);
    }

    [Fact]
    public void Train_CareerStatedOnlyByTheHeadline_CrossValidationChoosesTheHeadlineBlock()
    {
        var (texts, labels) = HeadlineSamples();

        var model = CareerModelTrainer.Train(texts, labels, Fast);
        var plain = CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [0] });

        Assert.True(model.TfidfClassifier!.Features.HeadlineWords > 0, model.Metadata.Settings);
        Assert.Equal(0, plain.TfidfClassifier!.Features.HeadlineWords);
        Assert.True(model.Metadata.TfidfCrossValidationAccuracy > plain.Metadata.TfidfCrossValidationAccuracy,
            $"headline {model.Metadata.TfidfCrossValidationAccuracy} vs none {plain.Metadata.TfidfCrossValidationAccuracy}");
        Assert.Equal("Harbour Master", model.Predict("Harbour Master. ferry pilot budget harbour master review", 1)[0].Career);
    }

    [Fact]
    public void SaveLoad_HeadlineModel_KeepsTheBlockVersionAndPredictions()
    {
        var (texts, labels) = HeadlineSamples();
        var model = CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [5] });
        using var stream = new MemoryStream();

        model.Save(stream);
        var loaded = CareerModel.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(model.VersionId, loaded.VersionId);
        Assert.Equal(5, loaded.TfidfClassifier!.Features.HeadlineWords);
        foreach (var text in texts.Take(10)) Assert.Equal(model.Probabilities(text), loaded.Probabilities(text));
        Assert.NotEqual(CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [0] }).VersionId, model.VersionId);
    }

    [Fact]
    public void Train_LabelTexts_TextNamingOnlyTheCareerIsPredictedAsIt()
    {
        string[] texts =
        [
            "ledgers audits payroll returns", "audits reconciliations ledgers filings", "payroll filings returns reconciliations",
            "reefs fieldwork plankton sampling", "sampling reefs dives plankton", "fieldwork dives sampling reefs",
        ];
        string[] labels = ["Tax Accountant", "Tax Accountant", "Tax Accountant", "MARINE-BIOLOGIST", "MARINE-BIOLOGIST", "MARINE-BIOLOGIST"];

        var model = CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [0] });
        var without = CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [0], LabelTexts = false });

        Assert.Equal("MARINE-BIOLOGIST", model.Predict("I want to be a marine biologist", 1)[0].Career);
        Assert.Equal("Tax Accountant", model.Predict("tax accountant", 1)[0].Career);
        Assert.True(model.TfidfClassifier!.Features.Body.Vocabulary.ContainsKey("biologist"));
        Assert.False(without.TfidfClassifier!.Features.Body.Vocabulary.ContainsKey("biologist"));
        Assert.Equal(SparseVector.Empty.Count, without.TfidfClassifier.Features.Transform("marine biologist").Count);
    }

    [Fact]
    public void Train_NoHeadlineLengths_Throws()
    {
        var (texts, labels) = HeadlineSamples();

        Assert.Throws<ArgumentOutOfRangeException>(() => CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CareerModelTrainer.Train(texts, labels, Fast with { HeadlineWords = [-1] }));
    }
}
