using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Scoring;

public sealed class MatchScorerTests
{
    private static (List<float[]> X, List<double> Y) Synthetic(int n, int seed)
    {
        // The score follows feature 0 through a logistic curve; feature 1 is noise.
        var random = new Random(seed);
        var x = new List<float[]>();
        var y = new List<double>();
        for (int i = 0; i < n; i++)
        {
            float signal = (float)random.NextDouble(), noise = (float)random.NextDouble();
            x.Add([signal, noise]);
            y.Add(1 / (1 + Math.Exp(-8 * (signal - 0.5))));
        }
        return (x, y);
    }

    [Fact]
    public void Train_ScoreDrivenByOneFeature_LearnsItAndTracksHeldOutScores()
    {
        var (x, y) = Synthetic(300, 1);
        var (xt, yt) = Synthetic(100, 2);

        var scorer = MatchScorer.Train(x, y, new MatchScorerOptions { Epochs = 100, Seed = 3 });

        Assert.True(scorer.Weights[0] > 5 * Math.Abs(scorer.Weights[1]), $"weights {scorer.Weights[0]} {scorer.Weights[1]}");
        double[] predicted = [.. xt.Select(v => scorer.Score(v))];
        Assert.True(RegressionMetrics.Pearson(predicted, [.. yt]) > 0.98);
    }

    [Fact]
    public void Calibrate_SeparableHoldOut_StaysFiniteAndOrdersProbabilitiesLikeScores()
    {
        var (x, y) = Synthetic(200, 4);
        var scorer = MatchScorer.Train(x, y, new MatchScorerOptions { Epochs = 50 });

        scorer.Calibrate(x.Take(40).ToList(), y.Take(40).ToList());

        Assert.True(double.IsFinite(scorer.PlattA) && double.IsFinite(scorer.PlattB));
        Assert.True(scorer.PlattA > 0);
        Assert.True(scorer.Probability([0.9f, 0.5f]) > 0.9);
        Assert.True(scorer.Probability([0.1f, 0.5f]) < 0.1);
    }

    [Fact]
    public void SaveLoad_RoundTrip_GivesTheSameProbabilities()
    {
        var (x, y) = Synthetic(100, 5);
        var scorer = MatchScorer.Train(x, y, new MatchScorerOptions { Epochs = 20 });
        scorer.Calibrate(x, y);
        using var stream = new MemoryStream();
        scorer.Save(stream);
        stream.Position = 0;

        var loaded = MatchScorer.Load(stream);

        Assert.Equal(scorer.Probability([0.3f, 0.7f]), loaded.Probability([0.3f, 0.7f]), 12);
        Assert.Throws<ArgumentException>(() => loaded.Score([0.3f]));
    }

    [Fact]
    public async Task ExtractAsync_ResumeAndJob_GivesEveryFeatureInItsRange()
    {
        string resume = "Skills\nPython, SQL, pandas\nExperience\nData Analyst, Contoso, 2018 - 2024\nEducation\nMaster of Science in Statistics";
        string job = "Data Scientist\nRequirements: Python, SQL, machine learning. 3+ years of experience. Bachelor's degree.";
        string[] corpus = [resume, job, "Registered nurse, patient care, ICU", "Accountant, GAAP, Excel, audits"];
        var extractor = new MatchFeatureExtractor(BaselineMatcher.Fit(corpus), LsaEncoder.Fit(corpus, new LsaOptions { Dimensions = 3 }));

        var features = await extractor.ExtractAsync(resume, job);

        Assert.Equal(MatchFeatureExtractor.Names.Count, features.Length);
        Assert.All(features, f => Assert.InRange(f, -1.0001f, 1.0001f));
        Assert.Equal(0f, features[MatchFeatureExtractor.Names.ToList().IndexOf("experience_gap")]);
        Assert.Equal(1f, features[MatchFeatureExtractor.Names.ToList().IndexOf("education_match")]);
        Assert.True(features[MatchFeatureExtractor.Names.ToList().IndexOf("skill_coverage")] > 0);
    }
}
