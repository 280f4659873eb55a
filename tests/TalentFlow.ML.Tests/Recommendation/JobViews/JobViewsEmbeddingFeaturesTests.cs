using System.Numerics.Tensors;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation.JobViews;

public sealed class JobViewsEmbeddingFeaturesTests
{
    private static float[] Unit(params float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        return [.. v.Select(x => x / norm)];
    }

    /// <summary>Hand-made vectors for <see cref="RankingTestData.Small"/>'s five jobs and the two users with own words.</summary>
    private static JobViewsEmbeddings SmallEmbeddings() => new("test-encoder", 3,
        [Unit(1, 0, 0), Unit(0, 1, 0), Unit(1, 0.2f, 0), Unit(0, 0.5f, 1), Unit(0, 0, 1)],
        new Dictionary<string, float[]>(StringComparer.Ordinal) { ["a"] = Unit(1, 1, 0), ["cold"] = Unit(0, 0, 1) });

    private static float Get(JobViewsPairFeatures pairs, float[] x, string name) => x[pairs.FeatureNames.ToList().IndexOf(name)];

    private static float[] Compute(JobViewsPairFeatures pairs, string user, JobViewsData data, string job)
    {
        var x = new float[pairs.FeatureCount];
        pairs.Compute(pairs.Profile(user), data.JobIndex[job], x);
        return x;
    }

    [Fact]
    public void FeatureNames_WithEmbeddings_AreTheTfidfFeaturesThenTheFourCosines()
    {
        var data = RankingTestData.Small();

        var pairs = new JobViewsPairFeatures(new JobViewsFeatures(data), SmallEmbeddings());

        Assert.Equal([.. JobViewsPairFeatures.Names, .. JobViewsPairFeatures.EmbeddingNames], pairs.FeatureNames);
        Assert.Equal(JobViewsPairFeatures.Count + 4, pairs.FeatureCount);
        Assert.Equal(JobViewsPairFeatures.Names, new JobViewsPairFeatures(new JobViewsFeatures(data)).FeatureNames);
    }

    [Fact]
    public void Compute_UserWithViews_GivesTheCosinesOfTheEmbeddings()
    {
        var data = RankingTestData.Small();
        var e = SmallEmbeddings();
        var pairs = new JobViewsPairFeatures(new JobViewsFeatures(data), e);

        // User "a" viewed job 1 then job 2 (the last view); job 3 is scored.
        var x = Compute(pairs, "a", data, "3");

        var job3 = e.Jobs[data.JobIndex["3"]];
        Assert.Equal(TensorPrimitives.Dot(e.Jobs[data.JobIndex["2"]], job3), Get(pairs, x, "emb_last_view_cosine"), 5);
        Assert.Equal(TensorPrimitives.Dot(e.Interests["a"], job3), Get(pairs, x, "emb_interest_cosine"), 5);
        var mean = Unit([.. e.Jobs[data.JobIndex["1"]].Zip(e.Jobs[data.JobIndex["2"]], (p, q) => p + q)]);
        Assert.Equal(TensorPrimitives.Dot(mean, job3), Get(pairs, x, "emb_viewed_cosine"), 5);
        Assert.Equal(TensorPrimitives.Dot(e.Jobs[data.JobIndex["1"]], job3), Get(pairs, x, "emb_recent_max_cosine"), 5);
    }

    [Fact]
    public void Compute_ColdUser_HasOnlyTheInterestCosine()
    {
        var data = RankingTestData.Small();
        var e = SmallEmbeddings();
        var pairs = new JobViewsPairFeatures(new JobViewsFeatures(data), e);

        var x = Compute(pairs, "cold", data, "5");

        Assert.Equal(1f, Get(pairs, x, "emb_interest_cosine"), 5);
        Assert.Equal(0f, Get(pairs, x, "emb_viewed_cosine"));
        Assert.Equal(0f, Get(pairs, x, "emb_last_view_cosine"));
        Assert.Equal(0f, Get(pairs, x, "emb_recent_max_cosine"));
    }

    [Fact]
    public void Constructor_EmbeddingsForAnotherCatalog_Throws()
    {
        var data = RankingTestData.Small();
        var short4 = new JobViewsEmbeddings("x", 1, [[1f], [1f], [1f], [1f]], new Dictionary<string, float[]>());

        Assert.Throws<ArgumentException>(() => new JobViewsPairFeatures(new JobViewsFeatures(data), short4));
    }

    [Fact]
    public void Constructor_VectorsOfMixedLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => new JobViewsEmbeddings("x", 2, [[1f, 0f], [1f]], new Dictionary<string, float[]>()));

    [Fact]
    public void Texts_SmallData_GivesEveryJobAndEachUserWithOwnWords()
    {
        var features = new JobViewsFeatures(RankingTestData.Small());

        var (jobs, interests) = JobViewsEmbeddings.Texts(features);

        Assert.Equal(5, jobs.Count);
        Assert.Equal(["a", "cold"], interests.Select(i => i.User));
    }

    [Fact]
    public void Train_WithEmbeddings_SavesSixteenFeaturesAndRefusesPlainFeatures()
    {
        var (data, test) = RankingTestData.SameCompanyAsLastView(users: 80, seed: 4);
        var features = new JobViewsFeatures(data);
        // Each company on its own axis: the embedding sees the company, as last_view_company does.
        var jobs = data.Jobs.Select(j =>
        {
            var v = new float[40];
            v[int.Parse(j.Company.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)] = 1;
            return v;
        }).ToList();
        var pairs = new JobViewsPairFeatures(features, new JobViewsEmbeddings("company-axes", 40, jobs, new Dictionary<string, float[]>()));

        var ranker = LearnedJobRanker.Train(pairs, new LearnedJobRankerOptions { Candidates = 200, Folds = 3, Seed = 5 });

        Assert.Equal(pairs.FeatureNames, ranker.Model.FeatureNames);
        Assert.True(ranker.Model.Weights[pairs.FeatureNames.ToList().IndexOf("emb_last_view_cosine")] > 0);
        Assert.NotNull(LearnedJobRanker.Create(pairs, ranker.Model));
        Assert.Throws<ArgumentException>(() => LearnedJobRanker.Create(new JobViewsPairFeatures(features), ranker.Model));
        var hits = test.Count(v =>
        {
            var profile = ranker.PairFeatures.Profile(v.User);
            var candidates = ranker.Candidates(profile.User);
            var logits = new double[candidates.Length];
            ranker.Score(profile, candidates, logits);
            return LearnedJobRanker.RankOf(candidates, logits, data.JobIndex[v.Job]) is >= 0 and < 10;
        });
        Assert.True(hits > test.Count / 2, $"{hits} of {test.Count}");
    }
}
