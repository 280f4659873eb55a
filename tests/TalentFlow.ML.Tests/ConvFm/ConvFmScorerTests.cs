using System.Globalization;
using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Tests.ConvFm;

/// <summary>
/// The precomputed scorer against the full network: every logit within 1e-4 · max(1, |reference|) (absolute below 1,
/// relative above: the FM term of N(0, 1) embeddings reaches tens, where float rounding alone is ~1e-5).
/// </summary>
public sealed class ConvFmScorerTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Architectures() => ["default", "tiny", "tails", "fm", "kernel2", "deepfm"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ScoreLogits_RandomModel_EqualsPredictLogits(string architecture)
    {
        var vocabularies = ConvFmTestData.Vocabularies(users: 7, jobs: 41);
        var model = ConvFmModel.Create(Options(architecture), vocabularies);
        RandomizeBatchNorm(model, new Random(5));
        AssertScorerMatches(model, Pairs(vocabularies, 150, seed: 3));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("tails")]
    public void ScoreLogits_TrainedModel_EqualsPredictLogits(string architecture)
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var train = ConvFmTestData.Synthetic(300, 1, vocabularies);
        var model = new ConvFmTrainer(Options(architecture) with { Epochs = 2, BatchSize = 32 }).Train(vocabularies, train);
        AssertScorerMatches(model, Pairs(vocabularies, 100, seed: 4));
    }

    [Fact]
    public void ScoreLogits_VocabularyEndsAndOddBags_EqualsPredictLogits()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var model = ConvFmModel.Create(Options("default"), vocabularies);
        RandomizeBatchNorm(model, new Random(6));
        var last = new[] { vocabularies.Users.Count - 1, vocabularies.Jobs.Count - 1, vocabularies.Skills.Count - 1, vocabularies.Locations.Count - 1, vocabularies.Companies.Count - 1 };
        ConvFmInput[] pairs =
        [
            new(0, 0, [], 0, 0),
            new(last[0], last[1], [last[2]], last[3], last[4]),
            new(0, last[1], [0], last[3], 0),
            new(last[0], 0, [0, 0, 0], 0, last[4]),
            new(0, 0, [1, 1, 1, 2], 0, 0),
            new(last[0], last[1], [last[2], last[2], 0, 1], last[3], last[4]),
            new(0, 0, [1, 2, 3, 4, 5, 6], 0, 0),
        ];
        AssertScorerMatches(model, pairs);
    }

    [Fact]
    public void ScoreLogits_SharedBagOverManyBlocks_EqualsPredictLogits()
    {
        var vocabularies = ConvFmTestData.Vocabularies(jobs: 200);
        var model = ConvFmModel.Create(Options("default"), vocabularies);
        RandomizeBatchNorm(model, new Random(7));
        int[] bag = [3, 1, 3];
        var pairs = new ConvFmInput[vocabularies.Jobs.Count];
        for (var j = 0; j < pairs.Length; j++)
        {
            pairs[j] = new ConvFmInput(j % vocabularies.Users.Count, j, bag, j % vocabularies.Locations.Count, j % vocabularies.Companies.Count);
        }

        AssertScorerMatches(model, pairs);
    }

    [Fact]
    public void ScoreLogit_SinglePair_EqualsBatchedAndPredictLogits()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var model = ConvFmModel.Create(Options("default"), vocabularies);
        RandomizeBatchNorm(model, new Random(8));
        var pairs = Pairs(vocabularies, 40, seed: 9);
        var scorer = model.CreateScorer();
        var batched = new float[pairs.Length];
        var expected = new float[pairs.Length];
        scorer.ScoreLogits(pairs, batched);
        model.PredictLogits(pairs, expected);
        for (var i = 0; i < pairs.Length; i++)
        {
            var single = scorer.ScoreLogit(pairs[i]);
            Assert.Equal(batched[i], single);
            AssertClose(expected[i], single, i);
        }
    }

    [Fact]
    public void ScoreLogits_Warm_AllocatesNothing()
    {
        var vocabularies = ConvFmTestData.Vocabularies(jobs: 100);
        var scorer = ConvFmModel.Create(Options("default"), vocabularies).CreateScorer();
        var pairs = Pairs(vocabularies, 100, seed: 10);
        var destination = new float[pairs.Length];
        // Warm both entry points: a first call may JIT or load types, which allocates on this thread.
        scorer.ScoreLogits(pairs, destination);
        scorer.ScoreLogit(pairs[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        scorer.ScoreLogits(pairs, destination);
        scorer.ScoreLogit(pairs[0]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(12, 0, 0, 0, 0, 0)]
    [InlineData(0, 16, 0, 0, 0, 0)]
    [InlineData(0, 0, 7, 0, 0, 0)]
    [InlineData(0, 0, 0, 3, 0, 0)]
    [InlineData(0, 0, 0, 0, 4, 0)]
    [InlineData(-1, 0, 0, 0, 0, 0)]
    [InlineData(0, 0, -2, 0, 0, 0)]
    [InlineData(0, 0, 0, 0, 0, int.MinValue)]
    public void ScoreLogits_IdOutsideVocabulary_ThrowsArgumentOutOfRangeAndWritesNothing(int user, int job, int skill, int location, int company, int secondSkill)
    {
        var vocabularies = ConvFmTestData.Vocabularies(users: 12, jobs: 16);
        var scorer = CreateSut(vocabularies);
        ConvFmInput[] pairs = [new(0, 0, [1], 0, 0), new(user, job, [1, skill, secondSkill], location, company)];
        var destination = new[] { 42f, 42f };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scorer.ScoreLogits(pairs, destination));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("inputs[1].", error.Message, StringComparison.Ordinal);
        Assert.Equal([42f, 42f], destination);
    }

    [Fact]
    public void ScoreLogits_NullSkills_ThrowsArgumentException()
    {
        var scorer = CreateSut(ConvFmTestData.Vocabularies());
        var destination = new float[1];
        Assert.Throws<ArgumentException>(() => scorer.ScoreLogits([new ConvFmInput(0, 0, null!, 0, 0)], destination));
    }

    [Fact]
    public void ScoreLogits_ShortDestination_ThrowsArgumentException()
    {
        var scorer = CreateSut(ConvFmTestData.Vocabularies());
        var destination = new float[1];
        Assert.Throws<ArgumentException>(() => scorer.ScoreLogits([new(0, 0, [], 0, 0), new(1, 1, [], 1, 1)], destination));
    }

    [Fact]
    public void ScoreLogits_Empty_WritesNothing()
    {
        var scorer = CreateSut(ConvFmTestData.Vocabularies());
        scorer.ScoreLogits([], []);
        Assert.Equal([12, 16, 7, 3, 4], scorer.VocabularySizes);
        Assert.True(scorer.TableBytes > 0);
    }

    private static ConvFmScorer CreateSut(ConvFmVocabularies vocabularies) =>
        ConvFmModel.Create(Options("tiny"), vocabularies).CreateScorer();

    /// <summary>Default 64/64/128-64-32; tiny dims (scalar paths only); 12-wide (a vector plus a scalar tail); no hidden layer; kernel 2.</summary>
    private static ConvFmOptions Options(string architecture) => architecture switch
    {
        "default" => new ConvFmOptions { Seed = 1 },
        "tiny" => ConvFmTestData.TinyOptions(),
        "tails" => new ConvFmOptions { EmbeddingDim = 12, ConvFilters = 20, HiddenUnits = [20, 9], Seed = 2 },
        "fm" => new ConvFmOptions { EmbeddingDim = 16, ConvFilters = 16, HiddenUnits = [], Seed = 3 },
        "kernel2" => new ConvFmOptions { EmbeddingDim = 16, ConvFilters = 8, ConvKernelSize = 2, ConvPadding = 0, HiddenUnits = [24], Seed = 4 },
        "deepfm" => new ConvFmOptions { EmbeddingDim = 16, ConvFilters = 0, HiddenUnits = [24, 8], Seed = 5 },
        _ => throw new ArgumentOutOfRangeException(nameof(architecture)),
    };

    /// <summary>A fresh model has identity BatchNorm; random statistics and affine parameters make the folding count.</summary>
    private static void RandomizeBatchNorm(ConvFmModel model, Random random)
    {
        foreach (var tensor in model.Tensors)
        {
            // BatchNorm1d of hidden layer i is deep.{4i + 1}: weight (γ), bias (β), running_mean, running_var.
            var parts = tensor.Name.Split('.');
            if (parts[0] != "deep" || int.Parse(parts[1], CultureInfo.InvariantCulture) % 4 != 1)
            {
                continue;
            }

            var variance = parts[2] == "running_var";
            for (var i = 0; i < tensor.Data.Length; i++)
            {
                tensor.Data[i] = variance ? 0.2f + (2 * random.NextSingle()) : (2 * random.NextSingle()) - 1;
            }
        }
    }

    private static ConvFmInput[] Pairs(ConvFmVocabularies vocabularies, int count, int seed)
    {
        var random = new Random(seed);
        int[] shared = [1, 2, 2];
        var pairs = new ConvFmInput[count];
        for (var i = 0; i < count; i++)
        {
            // Runs of a shared bag (the ranking path) mixed with per-pair bags of 0–5 ids, padding included.
            var skills = i % 3 == 0 ? shared
                : [.. Enumerable.Range(0, random.Next(6)).Select(_ => random.Next(vocabularies.Skills.Count))];
            pairs[i] = new ConvFmInput(
                random.Next(vocabularies.Users.Count),
                random.Next(vocabularies.Jobs.Count),
                skills,
                random.Next(vocabularies.Locations.Count),
                random.Next(vocabularies.Companies.Count));
        }

        return pairs;
    }

    private static void AssertScorerMatches(ConvFmModel model, ConvFmInput[] pairs)
    {
        var expected = new float[pairs.Length];
        var actual = new float[pairs.Length];
        model.PredictLogits(pairs, expected);
        model.CreateScorer().ScoreLogits(pairs, actual);
        for (var i = 0; i < pairs.Length; i++)
        {
            AssertClose(expected[i], actual[i], i);
        }
    }

    private static void AssertClose(float expected, float actual, int index)
    {
        var bound = Tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= bound, $"pair {index}: expected {expected}, scorer {actual}, bound {bound}");
    }
}
