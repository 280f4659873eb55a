using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation;

public sealed class JobViewsFeaturesTests : IDisposable
{
    private readonly JobViewsTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Load_JobViewsFolder_ReadsCatalogViewsAndProfiles()
    {
        var data = JobViewsData.Load(_data.Directory);

        Assert.Equal(17, data.Jobs.Count);
        Assert.Equal(18, data.Views.Count);
        Assert.Equal("Austin", data.Jobs[data.JobIndex["3"]].City);
        Assert.Equal(7, data.PositionsOfInterest.Count);
        Assert.Contains(data.WorkHistory, w => w.User == "90" && w.State == "TX");
    }

    [Fact]
    public void Load_ViewOfJobMissingFromCatalog_ThrowsOneLineNamingTheJob()
    {
        File.AppendAllText(Path.Combine(_data.Directory, "Job_Views.csv"), "1,999,t,p,c,x,y,TX,i,2026-01-09\n");

        var error = Assert.Throws<InvalidDataException>(() => JobViewsData.Load(_data.Directory));

        Assert.Contains("999", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Profile_ExcludedJob_IsNeitherSeenNorInTheTextMatch()
    {
        var features = new JobViewsFeatures(JobViewsData.Load(_data.Directory));
        var job = features.Viewed("1")[0];

        var full = features.Profile("1");
        var without = features.Profile("1", new HashSet<int> { job });

        Assert.Contains(job, full.Seen);
        Assert.DoesNotContain(job, without.Seen);
        Assert.Equal(full.Seen.Count - 1, without.Seen.Count);
        Assert.False(without.IsCold);
    }

    [Fact]
    public void Input_ColdUserWithWorkHistory_GetsPlaceAndSkillsFromContent()
    {
        var data = JobViewsData.Load(_data.Directory);
        var features = new JobViewsFeatures(data);

        var cold = features.Profile("90");
        var austin = features.Input(cold, data.JobIndex["5"]);
        var denver = features.Input(cold, data.JobIndex["200"]);

        Assert.True(cold.IsCold);
        Assert.Equal("work-city", features.Vocabularies.Locations.Names[austin.Location]);
        Assert.Equal("elsewhere", features.Vocabularies.Locations.Names[denver.Location]);
        Assert.NotEmpty(austin.Skills);
        Assert.True(austin.User > denver.User, "a cook's text matches a cook job better than a cashier job");
    }

    [Fact]
    public void Input_JobInTheLastViewsCity_IsLastCityAndLastCompany()
    {
        var data = JobViewsData.Load(_data.Directory);
        var features = new JobViewsFeatures(data);

        var input = features.Input(features.Profile("1"), data.JobIndex["8"]);

        Assert.Equal("last-city", features.Vocabularies.Locations.Names[input.Location]);
        Assert.Equal("<last>", features.Vocabularies.Companies.Names[input.Company]);
    }

    [Fact]
    public void Input_JobInACityTheUserViewed_IsSameCityAndKnownCompany()
    {
        var data = JobViewsData.Load(_data.Directory);
        var features = new JobViewsFeatures(data, new JobViewsFeatureOptions { LastViewFields = false });

        var input = features.Input(features.Profile("1"), data.JobIndex["8"]);

        Assert.Equal("city", features.Vocabularies.Locations.Names[input.Location]);
        Assert.Equal("<viewed>", features.Vocabularies.Companies.Names[input.Company]);
        Assert.Equal("line cook", features.Vocabularies.Jobs.Names[input.Job]);
    }
}
