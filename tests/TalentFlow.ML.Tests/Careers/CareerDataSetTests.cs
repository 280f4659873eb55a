using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerDataSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-careers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_NoDirectory_UsesSampleDataMarkedAsSample()
    {
        var data = CareerDataSetLoader.Load(null);

        Assert.True(data.IsSample);
        Assert.Equal(CareerSampleData.Roles.Order(StringComparer.Ordinal), data.Roles);
        Assert.True(data.Validate().IsValid);
        Assert.Contains(data.Validate().Warnings, w => w.Contains("sample", StringComparison.Ordinal));
        Assert.Equal(4, data.CountsBySource().Count);
        Assert.All(data.Roles, r => Assert.NotEmpty(data.Skills[r]));
        Assert.All(data.Roles, r => Assert.NotEmpty(data.Books[r]));
    }

    [Fact]
    public void Load_SubsetOfFiles_MergesDedupesAndFallsBackPerMissingFile()
    {
        File.WriteAllText(Path.Combine(_dir, "career_qa.csv"), "role,question,answer\n" +
            "Pilot,How to start?,Get a licence.\nPilot,How to start?,Get a licence.\n Pilot ,How to  start?,Get a licence.\n" +
            "Pilot,,missing question\n");
        File.WriteAllText(Path.Combine(_dir, "skills_mapping.csv"), "role,skills,description\nPilot,\"navigation, radio; weather\",Flies planes\n");

        var data = CareerDataSetLoader.Load(_dir, sampleFallback: false);

        Assert.False(data.IsSample);
        Assert.Equal(2, data.Samples.Count);
        Assert.Equal(2, data.DuplicatesRemoved);
        Assert.Equal(["navigation", "radio", "weather"], data.Skills["Pilot"]);
        Assert.Contains(data.LoadWarnings, w => w.Contains("career_qa.csv: 1 rows", StringComparison.Ordinal));
        Assert.Contains(data.LoadWarnings, w => w.Contains("job_descriptions.csv not found", StringComparison.Ordinal));
        var validation = data.Validate();
        Assert.False(validation.IsValid);
        Assert.Contains(validation.Errors, e => e.Contains("'Pilot' has 2 samples", StringComparison.Ordinal));
        Assert.Contains(validation.Errors, e => e.Contains("at least 2 roles", StringComparison.Ordinal));

        var withFallback = CareerDataSetLoader.Load(_dir);
        Assert.True(withFallback.IsSample);
        Assert.Contains("Pilot", withFallback.Roles);
    }

    [Fact]
    public void Load_FileWithoutRequiredColumn_ThrowsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "career_qa.csv"), "role,question\nPilot,How?\n");

        var error = Assert.Throws<InvalidDataException>(() => CareerDataSetLoader.Load(_dir));

        Assert.Contains("career_qa.csv has no 'answer' column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThinRole_WarnsWithoutError()
    {
        CareerSampleData.Write(_dir);
        File.AppendAllText(Path.Combine(_dir, "career_qa.csv"), string.Concat(Enumerable.Range(0, 6).Select(i => $"Pilot,Question {i}?,Answer {i}.\n")));

        var validation = CareerDataSetLoader.Load(_dir).Validate();

        Assert.True(validation.IsValid);
        Assert.Contains(validation.Warnings, w => w.Contains("'Pilot' is thin: 6 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WithOnet_AddsMatchingOccupationsAsSamples()
    {
        var onet = OnetCatalog.Load(OnetFixture.Write(Path.Combine(_dir, "onet")));

        var data = CareerDataSetLoader.Load(null, onet);

        var onetSamples = data.Samples.Where(s => s.Source == CareerDataSource.Onet).ToArray();
        Assert.Contains(onetSamples, s => s.Role == "Data Scientist" && s.Text.StartsWith("Data Scientists.", StringComparison.Ordinal));
        Assert.Contains(onetSamples, s => s.Role == "Registered Nurse");
    }
}
