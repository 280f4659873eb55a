using TalentFlow.ML.Metrics;
using TalentFlow.ML.Screening;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ReviewerPrototypesTests
{
    /// <summary>
    /// Resumes of a few kinds (a kind is a set of 20 of 200 dimensions, plus noise); a job shortlists one kind. The model's
    /// logit carries <paramref name="logitSignal"/> of the label plus noise, shifted by <paramref name="jobShift"/>(job).
    /// </summary>
    private static List<(string JobId, SparseVector Resume, double Logit, bool Shortlisted)> Verdicts(
        int jobs, int perJob, int seed, double logitSignal = 0, Func<int, double>? jobShift = null, bool shuffle = false, bool kindsMatter = true)
    {
        var random = new Random(seed);
        var result = new List<(string, SparseVector, double, bool)>();
        for (int j = 0; j < jobs; j++)
        {
            for (int i = 0; i < perJob; i++)
            {
                bool match = i % 2 == 0;
                int kind = !kindsMatter ? random.Next(jobs) : match ? j : (j + 1 + random.Next(jobs - 1)) % jobs;
                double logit = logitSignal * (match ? 1 : -1) + random.NextDouble() - 0.5 + (jobShift?.Invoke(j) ?? 0);
                result.Add(($"job-{j}", Resume(kind, random), logit, match));
            }
        }
        if (!shuffle) return result;
        var labels = result.Select(r => r.Item4).ToArray();
        new Random(seed + 1).Shuffle(labels);
        return [.. result.Select((r, i) => (r.Item1, r.Item2, r.Item3, labels[i]))];
    }

    private static SparseVector Resume(int kind, Random random)
    {
        var values = new Dictionary<int, float>();
        for (int k = 0; k < 20; k++) values[(kind * 20 + k) % 200] = (float)(0.5 + random.NextDouble());
        for (int k = 0; k < 30; k++) values[random.Next(200)] = (float)random.NextDouble();
        var ordered = values.OrderBy(p => p.Key).ToArray();
        return new SparseVector([.. ordered.Select(p => p.Key)], [.. ordered.Select(p => p.Value)]);
    }

    private static double HeldOutAuc(ReviewerPrototypes layer, List<(string JobId, SparseVector Resume, double Logit, bool Shortlisted)> test) =>
        ClassificationMetrics.RocAuc([.. test.Select(t => layer.Probability(t.Logit, layer.Feature(t.JobId, t.Resume), t.JobId))], [.. test.Select(t => t.Shortlisted)]);

    [Fact]
    public void Fit_VerdictsTellTheKindTheModelDoesNot_UnseenResumesRankedByTheJobsPrototypes()
    {
        var layer = ReviewerPrototypes.Fit(Verdicts(6, 12, seed: 1), new ReviewerPrototypes.Options());

        Assert.InRange(HeldOutAuc(layer, Verdicts(6, 12, seed: 2)), 0.85, 1);
        Assert.True(layer.B > 1, $"prototype weight {layer.B}");
    }

    [Fact]
    public void Fit_ShuffledLabels_UnseenAucNearChance()
    {
        var layer = ReviewerPrototypes.Fit(Verdicts(6, 12, seed: 1, shuffle: true), new ReviewerPrototypes.Options());

        Assert.InRange(HeldOutAuc(layer, Verdicts(6, 12, seed: 2)), 0, 0.65);
    }

    [Fact]
    public void Fit_JobIntercepts_JobWhoseLogitsRunLowGetsAPositiveInterceptAndOthersStayNearZero()
    {
        // The model separates each job (±1) but scores job 0's candidates 3 logits too low, below the other jobs' rejections: its verdicts ask for a lower threshold
        // (the resumes' kinds say nothing here, so the logit is all the layer has).
        var train = Verdicts(6, 12, seed: 3, logitSignal: 1, jobShift: j => j == 0 ? -3 : 0, kindsMatter: false);

        var layer = ReviewerPrototypes.Fit(train, new ReviewerPrototypes.Options { JobIntercepts = true });
        var legacy = ReviewerPrototypes.Fit(train, ReviewerPrototypes.Options.Legacy);

        Assert.True(layer.JobTerms["job-0"].Intercept > 1, $"job 0 intercept {layer.JobTerms["job-0"].Intercept}");
        Assert.All(layer.JobTerms.Where(t => t.Key != "job-0"), t => Assert.InRange(t.Value.Intercept, -1, 1));
        Assert.Empty(legacy.JobTerms);
        var test = Verdicts(6, 12, seed: 4, logitSignal: 1, jobShift: j => j == 0 ? -3 : 0, kindsMatter: false);
        Assert.True(HeldOutAuc(layer, test) > HeldOutAuc(legacy, test), $"{HeldOutAuc(layer, test):0.###} vs {HeldOutAuc(legacy, test):0.###}");
    }

    [Fact]
    public void Fit_JobIntercepts_FewVerdictsShrinkTowardsZero()
    {
        var train = Verdicts(6, 12, seed: 3, logitSignal: 1, jobShift: j => j == 0 ? -3 : 0, kindsMatter: false);

        var loose = ReviewerPrototypes.Fit(train, new ReviewerPrototypes.Options { JobInterceptL2 = 0.1 });
        var tight = ReviewerPrototypes.Fit(train, new ReviewerPrototypes.Options { JobInterceptL2 = 20 });

        Assert.True(Math.Abs(tight.JobTerms["job-0"].Intercept) < Math.Abs(loose.JobTerms["job-0"].Intercept));
    }

    [Fact]
    public void ToArtifact_Read_KeepsJobTermsAndScoresTheSame()
    {
        var layer = ReviewerPrototypes.Fit(Verdicts(4, 12, seed: 5, logitSignal: 1, jobShift: j => j - 1.5), new ReviewerPrototypes.Options { JobSlopes = true });
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 1 }).FitAll(ScreeningTestData.Features(), ScreeningTestData.Examples(4, 30, seed: 1));

        var (_, read) = ReviewerPrototypes.Read(layer.ToArtifact(model));

        Assert.Equal(layer.JobTerms.Count, read.JobTerms.Count);
        var resume = Resume(2, new Random(9));
        foreach (var job in layer.Jobs.Keys)
        {
            Assert.Equal(layer.Probability(0.3, layer.Feature(job, resume), job), read.Probability(0.3, read.Feature(job, resume), job), 12);
        }
    }

    [Fact]
    public void ToArtifact_SourceGenerated_WritesTheBytesTheReflectionSerializerWrote()
    {
        var layer = ReviewerPrototypes.Fit(Verdicts(3, 12, seed: 7, logitSignal: 1), new ReviewerPrototypes.Options { JobSlopes = true });
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 1 }).FitAll(ScreeningTestData.Features(), ScreeningTestData.Examples(4, 30, seed: 1));
        byte[] written = layer.ToArtifact(model);

        // The options the layer was written with before the one artifact format: same bytes, so the same layer keeps its version.
        var reflection = new System.Text.Json.JsonSerializerOptions
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        var artifact = System.Text.Json.JsonSerializer.Deserialize<TalentFlow.ML.Artifacts.ScreeningLoopArtifact>(written, reflection)!;

        Assert.Equal(written, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(artifact, reflection));
        Assert.True(ReviewerPrototypes.IsArtifact(written));
    }

    [Theory]
    [InlineData("{\"format\":\"talentflow.screening/2\"}", "found format 'talentflow.screening/2'")]
    [InlineData("{\"format\":\"talentflow.screening-loop/1\",\"a\":", "Not a valid")]
    [InlineData("{\"format\":\"talentflow.screening-loop/1\",\"a\":1}", "without its base model")]
    public void Read_NotALoopArtifact_ThrowsInvalidData(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReviewerPrototypes.Read(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NegativePrior_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewerPrototypes.Fit(Verdicts(2, 12, seed: 1), new ReviewerPrototypes.Options { JobInterceptL2 = -1 }));
    }
}
