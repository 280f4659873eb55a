using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation;

public sealed class ConvFmRecommenderTests : IDisposable
{
    private static readonly ConvFmRecommenderOptions Small = new()
    {
        Model = new ConvFmOptions { EmbeddingDim = 8, ConvFilters = 4, HiddenUnits = [8], BatchSize = 16, Epochs = 30, EarlyStoppingPatience = 30, LearningRate = 0.01, MaxDegreeOfParallelism = 1, Seed = 7 },
        Seed = 7,
    };

    private readonly JobViewsTestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Train_TinyJobViews_EveryViewAPositiveWithFourNegativesAndValidationFromTraining()
    {
        var recommender = ConvFmRecommender.Train(JobViewsData.Load(_data.Directory), Small);

        // 6 users × 3 distinct jobs: the last of each goes to validation (3 jobs ≥ MinJobsForValidation), 2 to training.
        Assert.Equal(6 * 2 * 5, recommender.Model.Metrics["training_examples"]);
        Assert.Equal(6 * 1 * 5, recommender.Model.Metrics["validation_examples"]);
        Assert.Contains(recommender.HybridWeight, Small.HybridWeights);
    }

    [Fact]
    public void ScoreConvFm_ColdUser_RanksAJobMatchingTheirContentAboveAnUnrelatedOne()
    {
        var data = JobViewsData.Load(_data.Directory);
        var recommender = ConvFmRecommender.Train(data, Small);
        var scores = new double[recommender.Features.JobCount];

        recommender.ScoreConvFm(recommender.Features.Profile("90"), scores);

        Assert.True(scores[data.JobIndex["5"]] > scores[data.JobIndex["200"]]);
        Assert.True(scores[data.JobIndex["5"]] > scores[data.JobIndex["105"]]);
    }

    [Fact]
    public void ScoreHybrid_SeenJobs_AreNeverRecommended()
    {
        var recommender = ConvFmRecommender.Train(JobViewsData.Load(_data.Directory), Small);
        var user = recommender.Features.Profile("1");
        var scores = new double[recommender.Features.JobCount];

        recommender.ScoreHybrid(user, scores);

        Assert.All(user.Seen, j => Assert.Equal(double.NegativeInfinity, scores[j]));
        Assert.Equal(recommender.Features.JobCount - user.Seen.Count, scores.Count(double.IsFinite));
    }

    [Fact]
    public void Train_SameSeed_GivesTheSameWeights()
    {
        var data = JobViewsData.Load(_data.Directory);

        var a = ConvFmRecommender.Train(data, Small);
        var b = ConvFmRecommender.Train(data, Small);

        Assert.Equal(a.Model.Tensors.Select(t => t.Data.ToArray()), b.Model.Tensors.Select(t => t.Data.ToArray()));
    }
}
