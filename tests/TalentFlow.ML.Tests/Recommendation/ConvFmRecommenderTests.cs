using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation;

public sealed class ConvFmRecommenderTests : IDisposable
{
    private static readonly ConvFmRecommenderOptions Small = new()
    {
        Model = new ConvFmOptions { EmbeddingDim = 8, ConvFilters = 4, HiddenUnits = [8], BatchSize = 16, Epochs = 30, EarlyStoppingPatience = 30, LearningRate = 0.01, MaxDegreeOfParallelism = 1, Seed = 7 },
        Seed = 7,

        // Uniform negatives: on 17 jobs the content top k of a cook is every cook job, so hard negatives would leave
        // nothing to tell cooks from warehouse jobs — the contrast these tests check.
        HardNegatives = 0,

        // The cold user's place value ("work-city") never occurs in this training data (every user viewed jobs where they
        // worked), so its embedding keeps its random start and the cold-start comparison below hinges on the other fields;
        // the values those fields take depend on the vocabulary, so the tests stay on the first version's fields.
        Features = new JobViewsFeatureOptions { LastViewFields = false },
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
    public void Train_HardNegatives_KeepsTheExampleCountsAndIsDeterministic()
    {
        var data = JobViewsData.Load(_data.Directory);
        var hard = Small with { HardNegatives = 4, HardNegativeCandidates = 5 };

        var a = ConvFmRecommender.Train(data, hard);
        var b = ConvFmRecommender.Train(data, hard);

        Assert.Equal(6 * 2 * 5, a.Model.Metrics["training_examples"]);
        Assert.Equal(a.Model.Tensors.Select(t => t.Data.ToArray()), b.Model.Tensors.Select(t => t.Data.ToArray()));
    }

    [Theory]
    [InlineData(5, 4, 300)]
    [InlineData(-1, 4, 300)]
    [InlineData(2, 4, 0)]
    public void Validate_HardNegativesOutOfRange_Throws(int hard, int negatives, int candidates)
    {
        var options = Small with { HardNegatives = hard, NegativesPerPositive = negatives, HardNegativeCandidates = candidates };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
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
