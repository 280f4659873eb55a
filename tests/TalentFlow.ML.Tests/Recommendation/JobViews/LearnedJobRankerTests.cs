using System.Text;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation.JobViews;

public sealed class LearnedJobRankerTests
{
    private static readonly LearnedJobRankerOptions Options = new() { Candidates = 200, Folds = 3, Seed = 5 };

    private static (LearnedJobRanker Ranker, JobViewsData Data, List<JobView> Test) CreateSut(int seed = 11)
    {
        var (data, test) = RankingTestData.SameCompanyAsLastView(users: 120, seed);
        return (LearnedJobRanker.Train(data, Options), data, test);
    }

    private static (double Ranker, double Content) HitRates(LearnedJobRanker ranker, JobViewsData data, List<JobView> test)
    {
        double rankerHits = 0, contentHits = 0;
        foreach (var view in test)
        {
            var profile = ranker.PairFeatures.Profile(view.User);
            var candidates = ranker.Candidates(profile.User);
            var logits = new double[candidates.Length];
            ranker.Score(profile, candidates, logits);
            var target = data.JobIndex[view.Job];
            rankerHits += LearnedJobRanker.RankOf(candidates, logits, target) is >= 0 and < 10 ? 1 : 0;
            contentHits += Array.IndexOf(candidates, target) is >= 0 and < 10 ? 1 : 0;
        }

        return (rankerHits / test.Count, contentHits / test.Count);
    }

    [Fact]
    public void Train_NextJobSharesTheLastViewsCompany_LearnsAPositiveWeightAndBeatsContent()
    {
        var (ranker, data, test) = CreateSut();

        var company = ranker.Model.FeatureNames.ToList().IndexOf("last_view_company");
        var (rankerHr, contentHr) = HitRates(ranker, data, test);

        Assert.True(ranker.Model.Weights[company] > 0);
        Assert.InRange(rankerHr, 0.9, 1.0);
        Assert.True(rankerHr > contentHr + 0.3, $"ranker HR@10 {rankerHr}, content {contentHr}");
        Assert.True(ranker.Model.Metrics["cv_hr@10"] > ranker.Model.Metrics["cv_content_hr@10"]);
        Assert.Equal(120, ranker.Validation.Count);
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesTheSameModel()
    {
        var (a, _, _) = CreateSut();
        var (b, _, _) = CreateSut();

        Assert.Equal(a.Model.Weights, b.Model.Weights);
        Assert.Equal(a.Model.Means, b.Model.Means);
        Assert.Equal(a.Model.Bias, b.Model.Bias);
        Assert.Equal(a.Model.Metrics, b.Model.Metrics);
    }

    [Fact]
    public void SaveLoad_RoundTrip_GivesTheSameLogits()
    {
        var (ranker, data, test) = CreateSut();
        using var stream = new MemoryStream();

        ranker.Model.Save(stream);
        stream.Position = 0;
        var loaded = LearnedJobRanker.Create(ranker.PairFeatures, LearnedJobRankerModel.Load(stream));

        Assert.Equal(ranker.Model.FeatureNames, loaded.Model.FeatureNames);
        Assert.Equal(ranker.Model.Weights, loaded.Model.Weights);
        Assert.Equal(ranker.Model.Scales, loaded.Model.Scales);
        Assert.Equal(ranker.Model.Metrics, loaded.Model.Metrics);
        Assert.Equal(ranker.Model.Candidates, loaded.Model.Candidates);
        var profile = ranker.PairFeatures.Profile(test[0].User);
        var job = data.JobIndex[test[0].Job];
        Assert.Equal(ranker.Logit(profile, job), loaded.Logit(profile, job));
    }

    [Theory]
    [InlineData("not json", JobRankerArtifactError.Corrupt)]
    [InlineData("{\"format\":\"talentflow.convfm\",\"version\":1}", JobRankerArtifactError.Corrupt)]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":2}", JobRankerArtifactError.UnsupportedVersion)]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":1,\"candidates\":300}", JobRankerArtifactError.Corrupt)]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":1,\"candidates\":300,\"state_weight\":0.5,\"city_weight\":0.5,\"bias\":0,\"features\":[{\"name\":\"a\",\"mean\":0,\"scale\":0,\"weight\":1}],\"metrics\":{}}", JobRankerArtifactError.Corrupt)]
    public void Load_BadArtifact_ThrowsTypedError(string text, JobRankerArtifactError expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<JobRankerArtifactException>(() => LearnedJobRankerModel.Load(stream));

        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void Create_ModelWithOtherFeatures_Throws()
    {
        var (ranker, _, _) = CreateSut();
        var m = ranker.Model;
        var renamed = new LearnedJobRankerModel([.. m.FeatureNames.Select((n, i) => i == 0 ? "other" : n)], [.. m.Means], [.. m.Scales], [.. m.Weights], m.Bias,
            m.Candidates, m.StateWeight, m.CityWeight);

        Assert.Throws<ArgumentException>(() => LearnedJobRanker.Create(ranker.PairFeatures, renamed));
    }

    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(300, 1, 5)]
    [InlineData(300, 3, 1)]
    public void Validate_OutOfRange_Throws(int candidates, int minJobs, int folds)
    {
        var options = new LearnedJobRankerOptions { Candidates = candidates, MinJobsForTraining = minJobs, Folds = folds };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public void Train_MoreQueriesPerUserThanJobsAllow_UsesOnlyQueriesWithEnoughHistory()
    {
        // Every planted user has 3 distinct jobs: the last view is a query, the one before would leave only 1 job behind.
        var (data, _) = RankingTestData.SameCompanyAsLastView(users: 30, seed: 3);

        var one = LearnedJobRanker.Train(data, Options with { QueriesPerUser = 1 });
        var five = LearnedJobRanker.Train(data, Options with { QueriesPerUser = 5, MinJobsForTraining = 2 });

        Assert.Equal(30, one.Model.Metrics["training_queries"]);
        Assert.Equal(60, five.Model.Metrics["training_queries"]);
        Assert.Equal(30, five.Validation.Count);
    }

    [Fact]
    public void Validate_NoQueries_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(new LearnedJobRankerOptions { QueriesPerUser = 0 }.Validate);
    }

    [Fact]
    public void Train_NoQualifyingUser_ThrowsInvalidData()
    {
        var data = RankingTestData.Small();

        Assert.Throws<InvalidDataException>(() => LearnedJobRanker.Train(data, Options));
    }
}
