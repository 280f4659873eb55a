using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Careers;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains;
using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Tests.Careers;

/// <summary><see cref="ICareerAdvisorGrain"/> on a two-silo test cluster serving a model file (<see cref="CareerOptions.ModelPath"/>).</summary>
public sealed class CareerAdvisorGrainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-career-grain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SaveModel()
    {
        var data = Path.Combine(_dir, "data");
        CareerSampleData.Write(data);
        // Six job descriptions of a seventh career, so the served model is not the default sample model.
        File.AppendAllText(Path.Combine(data, "job_descriptions.csv"),
            string.Concat(Enumerable.Range(0, 6).Select(i => $"Pilot,Fly aircraft route {i} and check weather,Licence and radio {i}\n")));
        var path = Path.Combine(_dir, "career.json");
        CareerModelTrainer.Train(CareerDataSetLoader.Load(data), onet: null, new CareerModelOptions { Dimensions = 32 }).Save(path);
        return path;
    }

    [Fact]
    public async Task RecommendAsync_ConfiguredModelFile_AnswersFromItOnEverySilo()
    {
        var path = SaveModel();
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConfigureSiloBuilder = silo =>
        {
            silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder);
            silo.Services.Configure<CareerOptions>(o => o.ModelPath = path);
        };
        await using var cluster = await TestCluster.StartAsync(options);

        var advice = await cluster.GrainFactory.GetGrain<ICareerAdvisorGrain>(ICareerAdvisorGrain.Key)
            .RecommendAsync(new CareerQuery("I fly aircraft, check the weather and talk on the radio", null, 7));

        Assert.Equal("Pilot", advice.Careers[0].Career);
        Assert.Equal(7, advice.Careers.Count);
        Assert.Equal(CareerModel.Load(path).VersionId, advice.ModelVersion);
        Assert.False(advice.IsSample);
    }

    [Fact]
    public async Task RecommendAsync_GibberishOnTheStartModel_AnswersOutOfDomainWithTheReason()
    {
        var options = GrainsClusterFixture.CreateOptions(1);
        options.ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder);
        await using var cluster = await TestCluster.StartAsync(options);
        var advisor = cluster.GrainFactory.GetGrain<ICareerAdvisorGrain>(ICareerAdvisorGrain.Key);

        var gibberish = await advisor.RecommendAsync(new CareerQuery("asdf qwerty", null, 3));
        var nurse = await advisor.RecommendAsync(new CareerQuery(
            "Registered nurse on a surgical hospital ward: patient care, triage, medication administration, wound care and vital signs.", null, 3));

        Assert.True(gibberish.OutOfDomain);
        Assert.False(string.IsNullOrWhiteSpace(gibberish.ConfidenceNote));
        Assert.All(gibberish.Careers, c => Assert.True(c.Confidence < 0.2, $"{c.Career} {c.Confidence}"));
        Assert.False(nurse.OutOfDomain, nurse.ConfidenceNote);
        Assert.Null(nurse.ConfidenceNote);
        Assert.Equal("Registered Nurse", nurse.Careers[0].Career);
        Assert.InRange(nurse.Careers[0].Confidence, 0.3, 0.9999);
    }

    [Fact]
    public void CareerModels_DamagedModelFile_FailsWithAnArtifactError()
    {
        var path = SaveModel();
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"careers\":[\"Accountant\"", "\"careers\":[\"Auditor\"", StringComparison.Ordinal));

        var error = Assert.Throws<EncoderArtifactException>(() => new CareerModels(new CareerOptions { ModelPath = path }));

        Assert.Equal(EncoderArtifactError.Corrupt, error.Error);
    }

    [Fact]
    public async Task PromoteAsync_CareerClassifierVersion_EverySiloAnswersFromItAndRollbackRestoresTheStartModel()
    {
        var artifact = File.ReadAllBytes(SaveModel());
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var advisor = cluster.GrainFactory.GetGrain<ICareerAdvisorGrain>(ICareerAdvisorGrain.Key);
        var before = await advisor.RecommendAsync(new CareerQuery("I fly aircraft, check the weather and talk on the radio", null, 3));
        await TestArtifacts.RegisterAsync(cluster, CareerModels.ModelName, "career-1", artifact);
        await TestArtifacts.RegisterAsync(cluster, CareerModels.ModelName, "career-2", artifact);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        await ModelRegistries.Of(cluster.GrainFactory, CareerModels.ModelName).PromoteAsync("career-1", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, CareerModels.ModelName).PromoteAsync("career-2", TrainingTestCluster.Unnamed);
        var promoted = await advisor.RecommendAsync(new CareerQuery("I fly aircraft, check the weather and talk on the radio", null, 3));
        await ModelRegistries.Of(cluster.GrainFactory, CareerModels.ModelName).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);

        Assert.True(before.IsSample);
        Assert.DoesNotContain(before.Careers, c => c.Career == "Pilot");
        Assert.Equal("career-2", promoted.ModelVersion);
        Assert.Equal("Pilot", promoted.Careers[0].Career);
        Assert.All(cluster.Silos, s => Assert.Equal("career-1", s.Host.Services.GetRequiredService<CareerModels>().Current.Version));
        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(CareerModels.ModelName, "v", "{\"format\":\"talentflow.career\"}"u8.ToArray()));
    }
}
