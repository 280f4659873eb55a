using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Contracts.Users;
using TalentFlow.Grains;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Grains.Users;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Tests;

/// <summary>User grains and the job catalog, each test on a 2-silo cluster of its own so the catalog holds only its jobs.</summary>
public sealed class UserGrainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecommendAsync_AfterInteractions_ExcludesSeenJobs()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        await AddJobsAsync(grains, ("j1", "Backend Engineer", "Austin, TX"), ("j2", "Backend Engineer", "Austin, TX"),
            ("j3", "Senior Backend Engineer", "Austin, TX"), ("j4", "Accountant", "Boston, MA"));
        var user = grains.GetGrain<IUserGrain>("u1");
        await user.SetProfileAsync(new UserProfile(["Backend Engineer"], null, "Austin", "TX"));
        Assert.True(await user.RecordInteractionAsync(new UserInteraction("j1", UserInteraction.Viewed, T0)));
        Assert.True(await user.RecordInteractionAsync(new UserInteraction("j3", UserInteraction.Applied, T0.AddMinutes(5))));

        var recommended = await user.RecommendAsync(10);

        Assert.Equal(["j2", "j4"], recommended.Select(r => r.JobId));
        Assert.Contains(recommended[0].Reasons, r => r.Contains("Backend Engineer", StringComparison.Ordinal));
        Assert.Equal(RecommendationModels.ContentModelName, recommended[0].Model);
    }

    [Fact]
    public async Task RecommendAsync_ColdStartUser_RanksFromProfileAlone()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        await AddJobsAsync(grains, ("n1", "Registered Nurse", "Denver, CO"), ("d1", "Data Scientist", "Denver, CO"),
            ("a1", "Accountant", "Denver, CO"));
        var user = grains.GetGrain<IUserGrain>("cold");
        await user.SetProfileAsync(new UserProfile(["Data Scientist"], ["Statistician"]));

        var recommended = await user.RecommendAsync(3);

        Assert.Empty(await user.GetInteractionsAsync());
        Assert.Equal("d1", recommended[0].JobId);
        Assert.Equal("title matches your interest in 'Data Scientist'", recommended[0].Reasons[0]);
        Assert.InRange(recommended[0].TextScore, 0.5, 0.99); // the user text also holds "Statistician"
        Assert.Equal(3, recommended.Count);
    }

    [Fact]
    public async Task RecommendAsync_SameCityJob_OutranksOtherwiseEqualOtherCityJob()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        // "a-" sorts first, so only the city bonus can put the Seattle job ahead of it.
        await AddJobsAsync(grains, ("a-chicago", "Data Analyst", "Chicago, IL"), ("z-seattle", "Data Analyst", "Seattle, WA"),
            ("m-tacoma", "Data Analyst", "Tacoma, WA"));
        var user = grains.GetGrain<IUserGrain>("u");
        await user.SetProfileAsync(new UserProfile(["Data Analyst"], null, "Seattle", "WA"));

        var recommended = await user.RecommendAsync(3);

        Assert.Equal(["z-seattle", "m-tacoma", "a-chicago"], recommended.Select(r => r.JobId));
        Assert.Equal(recommended[2].Score + 1.0, recommended[0].Score, 5);
        Assert.Contains(recommended[0].Reasons, r => r.StartsWith("in Seattle, WA", StringComparison.Ordinal));
        Assert.Contains(recommended[1].Reasons, r => r.StartsWith("in WA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecommendAsync_SixtyJobsOverEightShards_EqualsBruteForceOverTheCatalog()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        string[] titles = ["Backend Engineer", "Senior Backend Engineer", "Data Scientist", "Data Analyst", "Line Cook", "Sous Chef",
            "Registered Nurse", "Nurse Practitioner", "Sales Manager", "Account Executive", "Backend Developer", "Data Engineer"];
        string[] places = ["Austin, TX", "Dallas, TX", "Boston, MA", "Seattle, WA", "Denver, CO"];
        var jobs = Enumerable.Range(0, 60).Select(i => ($"job-{i:D2}", titles[i * 7 % titles.Length], places[i * 3 % places.Length])).ToArray();
        await AddJobsAsync(grains, jobs);
        var user = grains.GetGrain<IUserGrain>("u");
        await user.SetProfileAsync(new UserProfile(["Data Engineer"], ["Backend Developer"], "Boston", "MA"));
        await user.RecordInteractionAsync(new UserInteraction("job-05", UserInteraction.Viewed, T0));
        await user.RecordInteractionAsync(new UserInteraction("job-11", UserInteraction.Saved, T0.AddHours(1)));

        var recommended = await user.RecommendAsync(15);

        var model = cluster.Silos[0].Host.Services.GetRequiredService<RecommendationModels>().Content;
        var seen = new[] { "job-05", "job-11" };
        string text = string.Join(' ', ["Data Engineer", "Backend Developer", .. seen.Select(id => jobs.Single(j => j.Item1 == id).Item2)]);
        var userVector = model.Vectorize(text);
        var userStates = new HashSet<string> { "MA" };
        var userCities = new HashSet<string> { "boston|MA" };
        foreach (var id in seen)
        {
            var (city, state) = Places.Parse(jobs.Single(j => j.Item1 == id).Item3);
            userStates.Add(Places.StateKey(state));
            userCities.Add(Places.CityKey(city, state));
        }
        var expected = jobs.Where(j => !seen.Contains(j.Item1)).Select(j =>
        {
            var (city, state) = Places.Parse(j.Item3);
            double score = userVector.Dot(model.Vectorize(j.Item2))
                + (userStates.Contains(Places.StateKey(state)) ? 0.5 : 0) + (userCities.Contains(Places.CityKey(city, state)) ? 0.5 : 0);
            return (Id: j.Item1, Score: score);
        }).OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal).Take(15).ToList();
        Assert.Equal(expected.Select(e => e.Id), recommended.Select(r => r.JobId));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Score, recommended[i].Score, 6);
        Assert.Equal(60, await grains.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key).CountAsync());
        Assert.True(await cluster.CountSilosHostingAsync("job-catalog-shard", "catalog-") == 2,
            "the catalog shards should spread over both silos");
    }

    [Fact]
    public async Task UpsertAsync_ReplacedOrRemovedPosting_UpdatesTheCatalog()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        await AddJobsAsync(grains, ("j1", "Line Cook", "Austin, TX"), ("j2", "Accountant", "Boston, MA"), ("j3", "Sous Chef", "Austin, TX"));
        var user = grains.GetGrain<IUserGrain>("u");
        await user.SetProfileAsync(new UserProfile(["Data Scientist"]));
        Assert.NotEqual("j2", (await user.RecommendAsync(1))[0].JobId);

        await grains.GetGrain<IJobGrain>("j2").UpsertAsync(new JobPosting("Data Scientist", "Models and statistics.", Location: "Denver, CO"));
        var replaced = await user.RecommendAsync(3);
        Assert.Equal("j2", replaced[0].JobId);
        Assert.Equal(("Data Scientist", "Denver, CO"), (replaced[0].Title, replaced[0].Location));

        var catalog = grains.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key);
        Assert.True(await catalog.RemoveAsync("j2"));
        Assert.False(await catalog.RemoveAsync("j2"));
        Assert.DoesNotContain("j2", (await user.RecommendAsync(3)).Select(r => r.JobId));
        Assert.Null(await catalog.GetAsync("j2"));
        Assert.Equal(2, await catalog.CountAsync());
    }

    [Fact]
    public async Task RecordInteractionAsync_SameInteractionTwice_IsRecordedOnce()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        await AddJobsAsync(grains, ("j1", "Line Cook", "Austin, TX"));
        var user = grains.GetGrain<IUserGrain>("u");

        Assert.True(await user.RecordInteractionAsync(new UserInteraction("j1", UserInteraction.Viewed, T0)));
        Assert.False(await user.RecordInteractionAsync(new UserInteraction("j1", UserInteraction.Viewed, T0.ToOffset(TimeSpan.FromHours(2)))));
        Assert.True(await user.RecordInteractionAsync(new UserInteraction("j1", UserInteraction.Applied, T0.AddMinutes(1))));
        Assert.True(await user.RecordInteractionAsync(new UserInteraction("j1", UserInteraction.Viewed, T0.AddMinutes(-1))));

        var history = await user.GetInteractionsAsync();
        Assert.Equal([T0.AddMinutes(1), T0, T0.AddMinutes(-1)], history.Select(h => h.At));
        Assert.True(await user.ExistsAsync());
        Assert.Empty(await user.RecommendAsync(5));
    }

    [Fact]
    public async Task RecommendAsync_UnknownUserOrBadInput_ThrowsTypedErrors()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.GrainFactory;
        await AddJobsAsync(grains, ("j1", "Line Cook", "Austin, TX"));
        var user = grains.GetGrain<IUserGrain>("nobody");

        await Assert.ThrowsAsync<KeyNotFoundException>(() => user.RecommendAsync(5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => user.RecommendAsync(0));
        await Assert.ThrowsAsync<ArgumentException>(() => user.RecordInteractionAsync(new UserInteraction("missing", UserInteraction.Viewed, T0)));
        await Assert.ThrowsAsync<ArgumentException>(() => user.RecordInteractionAsync(new UserInteraction("j1", "liked", T0)));
        await Assert.ThrowsAsync<ArgumentException>(() => user.SetProfileAsync(new UserProfile()));
        Assert.False(await user.ExistsAsync());
        Assert.Null(await user.GetProfileAsync());
    }

    private static Task<TestCluster> StartAsync() => TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));

    private static Task AddJobsAsync(IGrainFactory grains, params (string Id, string Title, string Location)[] jobs) =>
        Task.WhenAll(jobs.Select(j => grains.GetGrain<IJobGrain>(j.Id).UpsertAsync(new JobPosting(j.Title, $"We are hiring a {j.Title}.", Location: j.Location))));
}

/// <summary>Recommendations re-ranked by a learned ranker artifact (<see cref="RecommendationOptions.RankerModelPath"/>).</summary>
public sealed class UserGrainRankerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "talentflow-ranker-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_path);

    /// <summary>
    /// Three Austin jobs and a user who wants "Data Analyst" and viewed the Acme warehouse job: content ranks the analyst job
    /// first, a ranker that weighs the last view's company the Acme driver job.
    /// </summary>
    internal static async Task<IUserGrain> AnalystWhoViewedAcmeAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IJobGrain>("seen").UpsertAsync(new JobPosting("Warehouse Associate", "Pick and pack.", Location: "Austin, TX", Company: "Acme Logistics"));
        await grains.GetGrain<IJobGrain>("a-analyst").UpsertAsync(new JobPosting("Data Analyst", "SQL.", Location: "Austin, TX", Company: "Other Co"));
        await grains.GetGrain<IJobGrain>("z-driver").UpsertAsync(new JobPosting("Delivery Driver", "Routes.", Location: "Austin, TX", Company: "Acme Logistics"));
        var user = grains.GetGrain<IUserGrain>("u");
        await user.SetProfileAsync(new UserProfile(["Data Analyst"]));
        await user.RecordInteractionAsync(new UserInteraction("seen", UserInteraction.Viewed, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)));
        return user;
    }

    [Fact]
    public async Task RecommendAsync_RankerWeighsLastViewCompany_PutsThatCompanysJobFirstAndNamesTheRanker()
    {
        // A ranker as eval recommend --save-ranker writes it: the content text score plus a large same-company weight.
        var ranker = new TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel(
            ["text_cosine", "last_view_company"], [0, 0], [1, 1], [1, 4], 0, candidates: 50, stateWeight: 0.5, cityWeight: 0.5);
        await using (var file = File.Create(_path)) ranker.Save(file);
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConfigureSiloBuilder = silo =>
        {
            silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder);
            silo.Services.Configure<RecommendationOptions>(o => o.RankerModelPath = _path);
        };
        await using var cluster = await TestCluster.StartAsync(options);
        var grains = cluster.GrainFactory;
        var user = await UserGrainRankerTests.AnalystWhoViewedAcmeAsync(grains);

        var recommended = await user.RecommendAsync(2);

        Assert.Equal(["z-driver", "a-analyst"], recommended.Select(r => r.JobId));
        Assert.All(recommended, r => Assert.StartsWith("ranker-", r.Model, StringComparison.Ordinal));
    }

    [Fact]
    public void RecommendationModels_RankerReadsAnUnknownFeature_FailsWithTheFeatureNamed()
    {
        var ranker = new TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel(["text_cosine"], [0], [1], [1], 0, 10, 0.5, 0.5);
        using (var file = File.Create(_path)) ranker.Save(file);
        string json = File.ReadAllText(_path).Replace("\"text_cosine\"", "\"popularity\"", StringComparison.Ordinal);
        File.WriteAllText(_path, json);

        var ex = Record.Exception(() => new RecommendationModels(new RecommendationOptions { RankerModelPath = _path }));

        Assert.NotNull(ex);
        Assert.Contains("popularity", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>The job ranker as a registry model: registered, promoted and rolled back, swapped on every silo.</summary>
public sealed class RankerRegistryTests
{
    private static async Task RegisterAsync(TestCluster cluster, string version, double companyWeight)
    {
        var ranker = new TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel(
            ["text_cosine", "last_view_company"], [0, 0], [1, 1], [1, companyWeight], 0, candidates: 50, stateWeight: 0.5, cityWeight: 0.5);
        using var stream = new MemoryStream();
        ranker.Save(stream);
        ModelArtifacts.Validate(MatchingModels.RankerModelName, version, stream.ToArray());
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(MatchingModels.RankerModelName, version)).SaveAsync(stream.ToArray());
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.RankerModelName).RegisterAsync(version, null, TrainingTestCluster.Unnamed);
    }

    [Fact]
    public async Task PromoteAndRollback_JobRanker_SwapsTheRankingOnEverySilo()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var grains = cluster.GrainFactory;
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var user = await UserGrainRankerTests.AnalystWhoViewedAcmeAsync(grains);
        var before = await user.RecommendAsync(2);
        await RegisterAsync(cluster, "text-only", companyWeight: 0);
        await RegisterAsync(cluster, "same-company", companyWeight: 4);

        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.RankerModelName).PromoteAsync("text-only", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.RankerModelName).PromoteAsync("same-company", TrainingTestCluster.Unnamed);
        var promoted = await user.RecommendAsync(2);
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.RankerModelName).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);
        var rolledBack = await user.RecommendAsync(2);

        Assert.Equal((RecommendationModels.ContentModelName, "a-analyst"), (before[0].Model, before[0].JobId));
        Assert.Equal(("same-company", "z-driver"), (promoted[0].Model, promoted[0].JobId));
        Assert.Equal(("text-only", "a-analyst"), (rolledBack[0].Model, rolledBack[0].JobId));
        Assert.All(cluster.Silos, s => Assert.Equal("text-only", s.Host.Services.GetRequiredService<RecommendationModels>().Ranker?.Version));
    }

    [Fact]
    public void Validate_RankerReadingAnUnknownFeature_ThrowsArgumentException()
    {
        var ranker = new TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel(["text_cosine"], [0], [1], [1], 0, 10, 0.5, 0.5);
        using var stream = new MemoryStream();
        ranker.Save(stream);
        byte[] bad = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\"text_cosine\"", "\"popularity\"", StringComparison.Ordinal));

        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(MatchingModels.RankerModelName, "v", bad));
        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(MatchingModels.RankerModelName, "v", "{}"u8.ToArray()));
    }
}
