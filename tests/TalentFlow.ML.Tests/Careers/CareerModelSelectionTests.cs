using System.Text.Json.Nodes;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerModelSelectionTests
{
    private static readonly CareerModelOptions Fast = new() { Dimensions = 32, Folds = 3 };

    private static (string[] Texts, string[] Labels) Samples()
    {
        var samples = CareerDataSetLoader.Load(null).Samples;
        return ([.. samples.Select(s => s.Text)], [.. samples.Select(s => s.Role)]);
    }

    /// <summary>Two careers told apart only by word order ("senior analyst" vs "analyst senior"): bigrams see it, bag-of-words embeddings cannot.</summary>
    private static (string[] Texts, string[] Labels) WordOrderSamples()
    {
        string[] filler = ["reports", "meetings", "budget", "clients", "planning", "data", "teams", "quality", "review", "process", "tools", "projects"];
        var random = new Random(7);
        var texts = new List<string>();
        var labels = new List<string>();
        for (int i = 0; i < 60; i++)
        {
            var words = Enumerable.Range(0, 8).Select(_ => filler[random.Next(filler.Length)]).ToList();
            bool first = i % 2 == 0;
            words.Insert(random.Next(words.Count), first ? "north river" : "river north");
            texts.Add(string.Join(' ', words));
            labels.Add(first ? "Ferry Pilot" : "Harbour Master");
        }

        return ([.. texts], [.. labels]);
    }

    [Fact]
    public void Train_Auto_ServesTheClassifierWithTheHigherCrossValidatedAccuracy()
    {
        var (texts, labels) = Samples();

        var model = CareerModelTrainer.Train(texts, labels, Fast);

        var m = model.Metadata;
        Assert.Equal("cv", m.Selection);
        Assert.InRange(m.MlpCrossValidationAccuracy, 0, 1);
        Assert.InRange(m.TfidfCrossValidationAccuracy, 0, 1);
        var expected = m.TfidfCrossValidationAccuracy >= m.MlpCrossValidationAccuracy ? CareerClassifierKind.Tfidf : CareerClassifierKind.Mlp;
        Assert.Equal(expected, model.Kind);
        Assert.Equal(expected == CareerClassifierKind.Tfidf ? "tfidf" : "mlp", m.Classifier);
    }

    [Fact]
    public void Train_AutoOnWordOrderCareers_PicksTfidfWhoseBigramsSeparateThem()
    {
        var (texts, labels) = WordOrderSamples();

        var model = CareerModelTrainer.Train(texts, labels, Fast);

        Assert.True(model.Metadata.TfidfCrossValidationAccuracy > model.Metadata.MlpCrossValidationAccuracy,
            $"tfidf {model.Metadata.TfidfCrossValidationAccuracy} vs mlp {model.Metadata.MlpCrossValidationAccuracy}");
        Assert.Equal(CareerClassifierKind.Tfidf, model.Kind);
        Assert.Equal("Harbour Master", model.Predict("budget clients river north review", 1)[0].Career);
    }

    [Fact]
    public void Train_Tfidf_GivesCalibratedProbabilitiesAndTheSameModelForTheSameSeed()
    {
        var (texts, labels) = Samples();
        var options = Fast with { ClassifierKind = CareerClassifierKind.Tfidf };

        var model = CareerModelTrainer.Train(texts, labels, options);
        var again = CareerModelTrainer.Train(texts, labels, options);

        Assert.Equal(CareerClassifierKind.Tfidf, model.Kind);
        Assert.Null(model.Classifier);
        Assert.Equal("fixed", model.Metadata.Selection);
        Assert.True(double.IsNaN(model.Metadata.MlpCrossValidationAccuracy));
        Assert.True(model.TfidfClassifier!.Temperature > 0);
        var p = model.Probabilities("I nurse patients on the hospital ward and give medication");
        Assert.Equal(1f, p.Sum(), 3);
        Assert.Equal(again.VersionId, model.VersionId);
        Assert.Equal("Registered Nurse", model.Predict("I nurse patients on the hospital ward and give medication", 1)[0].Career);
    }

    [Fact]
    public void SaveLoad_TfidfModel_KeepsKindVersionPredictionsAndMetadata()
    {
        var (texts, labels) = Samples();
        var model = CareerModelTrainer.Train(texts, labels, Fast with { ClassifierKind = CareerClassifierKind.Tfidf });
        using var stream = new MemoryStream();

        model.Save(stream);
        var loaded = CareerModel.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(CareerClassifierKind.Tfidf, loaded.Kind);
        Assert.Equal(model.VersionId, loaded.VersionId);
        Assert.Equal(model.Careers, loaded.Careers);
        foreach (var text in texts.Take(20).Append("docker kubernetes pipelines"))
        {
            Assert.Equal(model.Probabilities(text), loaded.Probabilities(text));
        }

        Assert.Equal(model.Metadata.TfidfCrossValidationAccuracy, loaded.Metadata.TfidfCrossValidationAccuracy);
        Assert.Equal("tfidf", loaded.Metadata.Classifier);
        Assert.Equal(model.Centroid(0).ToArray(), loaded.Centroid(0).ToArray());
    }

    [Fact]
    public void Load_TfidfModelWithDamagedWeights_ThrowsCorrupt()
    {
        var (texts, labels) = Samples();
        var model = CareerModelTrainer.Train(texts, labels, Fast with { ClassifierKind = CareerClassifierKind.Tfidf });
        using var stream = new MemoryStream();
        model.Save(stream);
        var json = JsonNode.Parse(stream.ToArray())!.AsObject();
        var terms = json["tfidf"]!["terms"]!.AsArray();
        terms[0] = "tampered";

        var error = Assert.Throws<EncoderArtifactException>(() => CareerModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()))));

        Assert.Equal(EncoderArtifactError.Corrupt, error.Error);
    }

    [Fact]
    public void Load_VersionOneMlpArtifact_LoadsAsTheSameMlp()
    {
        var (texts, labels) = Samples();
        var model = CareerModelTrainer.Train(texts, labels, Fast with { ClassifierKind = CareerClassifierKind.Mlp });
        using var stream = new MemoryStream();
        model.Save(stream);
        // What version 1 wrote: no classifier_kind, no selection fields in the metadata.
        var json = JsonNode.Parse(stream.ToArray())!.AsObject();
        json["version"] = 1;
        json.Remove("classifier_kind");
        var metadata = json["metadata"]!.AsObject();
        foreach (var field in new[] { "classifier", "selection", "mlp_cross_validation_accuracy", "tfidf_cross_validation_accuracy" }) Assert.True(metadata.Remove(field), field);

        var loaded = CareerModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.Equal(CareerClassifierKind.Mlp, loaded.Kind);
        Assert.Equal(model.VersionId, loaded.VersionId);
        Assert.Equal(model.Probabilities("docker kubernetes pipelines"), loaded.Probabilities("docker kubernetes pipelines"));
        Assert.Equal("mlp", loaded.Metadata.Classifier);
        Assert.True(double.IsNaN(loaded.Metadata.TfidfCrossValidationAccuracy));
    }

    [Fact]
    public void Recommend_TfidfModel_ReturnsCareersWithSkillsToLearn()
    {
        var model = CareerModelTrainer.Train(CareerDataSetLoader.Load(null), null, Fast with { ClassifierKind = CareerClassifierKind.Tfidf });

        var advice = new CareerAdvisor(model).Recommend("I nurse patients on the hospital ward and give medication", 3);

        Assert.Equal("Registered Nurse", advice.Careers[0].Career);
        Assert.Equal(3, advice.Careers.Count);
        Assert.NotEmpty(advice.Careers[0].SkillsToLearn);
        Assert.Equal(model.VersionId, advice.ModelVersion);
    }
}
