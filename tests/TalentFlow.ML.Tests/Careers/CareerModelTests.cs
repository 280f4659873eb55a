using TalentFlow.ML.Careers;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-career-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static CareerModel SampleModel(string onetDirectory) =>
        CareerModelTrainer.Train(CareerDataSetLoader.Load(null), OnetCatalog.Load(OnetFixture.Write(onetDirectory)), new CareerModelOptions { Dimensions = 32, ClassifierKind = CareerClassifierKind.Mlp });

    [Fact]
    public void Train_SampleDataWithOnet_PredictsTheCareerAndAttachesSkillsAndBooks()
    {
        var model = SampleModel(Path.Combine(_dir, "onet"));

        var top = model.Predict("I nurse patients on the hospital ward, give medication and check vital signs", 3);

        Assert.Equal("Registered Nurse", top[0].Career);
        Assert.InRange(top[0].Confidence, 0, 1);
        Assert.True(top[0].Confidence >= top[1].Confidence);
        var nurse = model.Knowledge[model.Careers.ToList().IndexOf("Registered Nurse")];
        Assert.Contains("Epic Systems", nurse.Skills);
        Assert.Contains("29-1141.00", nurse.Occupations);
        Assert.NotEmpty(nurse.Books);
        Assert.True(model.Metadata.IsSample);
        Assert.Equal(6, model.Metadata.SamplesByCareer.Count);
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsVersionProbabilitiesAndKnowledge()
    {
        var model = SampleModel(Path.Combine(_dir, "onet"));
        var path = Path.Combine(_dir, "career.json");

        model.Save(path);
        var loaded = CareerModel.Load(path);

        Assert.Equal(model.VersionId, loaded.VersionId);
        Assert.Equal(model.Careers, loaded.Careers);
        Assert.Equal(model.Probabilities("docker kubernetes pipelines"), loaded.Probabilities("docker kubernetes pipelines"));
        Assert.Equal(model.Knowledge[0].Skills, loaded.Knowledge[0].Skills);
        Assert.Equal(model.Knowledge[0].Books, loaded.Knowledge[0].Books);
        Assert.Equal(model.Metadata.Settings, loaded.Metadata.Settings);
    }

    [Fact]
    public void Load_DamagedTensor_ThrowsCorrupt()
    {
        var model = SampleModel(Path.Combine(_dir, "onet"));
        using var stream = new MemoryStream();
        model.Save(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var at = text.IndexOf("\"w2\"", StringComparison.Ordinal);
        var data = text.IndexOf("\"data\":\"", at, StringComparison.Ordinal) + 8;
        var damaged = text[..data] + (text[data] == 'A' ? 'B' : 'A') + text[(data + 1)..];

        var error = Assert.Throws<EncoderArtifactException>(() => CareerModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(damaged))));

        Assert.Equal(EncoderArtifactError.Corrupt, error.Error);
    }
}
