using System.Text.Json;
using TalentFlow.Cli;
using TalentFlow.ML.Recommendation;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Cli;

/// <summary><c>--encoder tfidf|lsa|minilm</c> on the eval commands, and the on-disk embedding cache (real MiniLM beside the test binaries).</summary>
public sealed class CliEvalEncoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-evalenc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Corpus =
    [
        "python pandas machine learning models", "statistics python regression models", "icu nurse patient care ward",
        "hospital ward nurse triage patient", "forklift warehouse shipping driver", "warehouse inventory forklift pallets",
    ];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, JsonDocument? Json, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, code == 0 ? JsonDocument.Parse(stdout.ToString()) : null, stderr.ToString());
    }

    [Fact]
    public async Task EmbedAsync_SecondCall_ComesFromDiskWithTheSameVectors()
    {
        var lsa = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 4 });
        using var cache = new EvalEmbeddingCache(lsa, Path.Combine(_dir, "cache"));

        var first = await cache.EmbedAsync([Corpus[0], Corpus[2], Corpus[0]]);
        using var again = new EvalEmbeddingCache(lsa, Path.Combine(_dir, "cache"));
        var second = await again.EmbedAsync([Corpus[2], Corpus[0]]);

        Assert.Equal((0, 3), (cache.Hits, cache.Misses));
        Assert.Equal((2, 0), (again.Hits, again.Misses));
        Assert.Equal(first[1], second[0]);
        Assert.Equal(first[0], second[1]);
        Assert.Equal(first[0], first[2]);
    }

    [Fact]
    public async Task EmbedAsync_DamagedCacheFile_IsEmbeddedAgain()
    {
        var lsa = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 4 });
        using var cache = new EvalEmbeddingCache(lsa, Path.Combine(_dir, "cache"));
        var expected = await cache.EmbedAsync([Corpus[1]]);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_dir, "cache"), "*.f32", SearchOption.AllDirectories)) File.WriteAllBytes(file, [1, 2, 3]);

        using var again = new EvalEmbeddingCache(lsa, Path.Combine(_dir, "cache"));
        var actual = await again.EmbedAsync([Corpus[1]]);

        Assert.Equal(1, again.Misses);
        Assert.Equal(expected[0], actual[0]);
    }

    [Fact]
    public async Task EmbedAsync_AnotherEncoderVersion_DoesNotShareTheCache()
    {
        var a = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 4 });
        var b = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 3 });
        using (var first = new EvalEmbeddingCache(a, Path.Combine(_dir, "cache"))) await first.EmbedAsync([Corpus[3]]);

        using var other = new EvalEmbeddingCache(b, Path.Combine(_dir, "cache"));
        var vectors = await other.EmbedAsync([Corpus[3]]);

        Assert.Equal(1, other.Misses);
        Assert.Equal(3, vectors[0].Length);
    }

    [Theory]
    [InlineData("svm")]
    [InlineData("career")]
    [InlineData("centroid")]
    public async Task EvalCareer_EncoderMiniLm_ClassifiesAndReusesTheCache(string model)
    {
        var train = Write("train.csv", "Category,Resume\n" + string.Join('\n', Corpus.Select((t, i) => $"{(i < 2 ? "Data" : i < 4 ? "Nursing" : "Logistics")},{t}")) + "\n");
        var test = Write("test.csv", "Category,Resume\nData,machine learning in python\nNursing,nurse caring for patients on a ward\nLogistics,driving a forklift in the warehouse\n");
        string[] args = ["eval", "career", "--train", train, "--test", test, "--model", model, "--encoder", "minilm", "--folds", "2", "--embedding-cache", Path.Combine(_dir, "cache"), "--json"];

        var (code, json, stderr) = await Run(args);
        var files = Directory.EnumerateFiles(Path.Combine(_dir, "cache"), "*.f32", SearchOption.AllDirectories).Count();
        var (again, json2, _) = await Run(args);

        Assert.True(code == 0, stderr);
        Assert.Equal(0, again);
        Assert.Equal(1.0, json!.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(json.RootElement.GetProperty("macro_f1").GetDouble(), json2!.RootElement.GetProperty("macro_f1").GetDouble());
        Assert.Contains("all-MiniLM-L6-v2", json.RootElement.GetProperty("settings").GetString(), StringComparison.Ordinal);
        Assert.InRange(files, 9, 12);
    }

    [Fact]
    public async Task Embed_HeadlineWords_AppendsTheHeadlinesOwnVectorAndStaysUnitLength()
    {
        var lsa = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 4 });
        string[] texts = ["icu nurse patient care ward and forklift warehouse shipping driver"];

        var joined = EvalCareerCommand.Embed(lsa, texts, 2, CancellationToken.None);
        var whole = (await lsa.EmbedAsync(texts))[0];
        var head = (await lsa.EmbedAsync(["icu nurse"]))[0];

        Assert.Equal(2 * lsa.Dimension, joined[0].Length);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(joined[0]), 4);
        Assert.Equal(whole[0] / MathF.Sqrt(2), joined[0][0], 5);
        Assert.Equal(head[0] / MathF.Sqrt(2), joined[0][lsa.Dimension], 5);
        Assert.Equal(whole, EvalCareerCommand.Embed(lsa, texts, 0, CancellationToken.None)[0]);
    }

    [Fact]
    public async Task EvalCareer_EncoderWithTheMlp_ExitsWithOneLine()
    {
        var train = Write("train.csv", "Category,Resume\nData,python\nNursing,nurse\n");

        var (code, _, stderr) = await Run("eval", "career", "--train", train, "--test", train, "--model", "mlp", "--encoder", "lsa");

        Assert.Equal(1, code);
        Assert.Contains("--encoder lsa goes with --model centroid, svm or career", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalCareer_MiniLmFolderMissing_ExitsWithOneLine()
    {
        var train = Write("train.csv", "Category,Resume\nData,python\nNursing,nurse\n");

        var (code, _, stderr) = await Run("eval", "career", "--train", train, "--test", train, "--model", "svm", "--encoder", "minilm", "--minilm-model", Path.Combine(_dir, "nowhere"));

        Assert.Equal(1, code);
        Assert.StartsWith("error: DirectoryNotFound", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tfidf", "lsa", "lsa-sections")]
    [InlineData("sections", "minilm", "minilm-sections")]
    [InlineData("tfidf", "minilm", "minilm")]
    public async Task EvalMatch_Encoder_ScoresTheMatchingPairsAboveTheOthers(string model, string encoder, string expected)
    {
        var pairs = Write("pairs.csv", "resume,job_description,score\n\"C#, SQL developer\",C# developer,1\nICU nurse,C# developer,0\n" +
            "python machine learning,data scientist python machine learning,1\nchef cooking meals,data scientist python machine learning,0\n");

        var (code, json, stderr) = await Run("eval", "match", "--train", pairs, "--test", pairs, "--model", model == "tfidf" && encoder == "lsa" ? "sections" : model,
            "--encoder", encoder, "--embedding-cache", "none", "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected, json!.RootElement.GetProperty("model").GetString());
        Assert.True(json.RootElement.GetProperty("pearson").GetDouble() > 0, json.RootElement.ToString());
    }

    [Fact]
    public async Task EvalMatch_NoEncoderOption_UsesMiniLmTheHeldOutWinner()
    {
        var pairs = Write("pairs.csv", "resume,job_description,score\nICU nurse on a ward,hospital nurse,1\nforklift driver,hospital nurse,0\n");

        var (code, json, stderr) = await Run("eval", "match", "--train", pairs, "--test", pairs, "--embedding-cache", Path.Combine(_dir, "cache"), "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal("minilm-sections", json!.RootElement.GetProperty("model").GetString());
        Assert.StartsWith("all-MiniLM-L6-v2:", json.RootElement.GetProperty("encoder").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content", "tfidf", "tfidf")]
    [InlineData("content", "lsa", "lsa")]
    [InlineData("content", "minilm", "encoder")]
    [InlineData("content-hybrid", "minilm", "hybrid-encoder")]
    [InlineData("content-subword", "tfidf", "subword")]
    public void Similarity_ModelAndEncoder_NamesTheContentSimilarity(string model, string encoder, string expected) =>
        Assert.Equal(expected, EvalRecommendCommand.Similarity(model, encoder));

    [Fact]
    public void Similarity_ModelThatNamesItsEncoderWithAnother_Throws() =>
        Assert.Throws<CliException>(() => EvalRecommendCommand.Similarity("content-subword", "minilm"));

    [Fact]
    public async Task ContentRecommender_GivenEncoder_RanksTheJobClosestInItsSpaceFirst()
    {
        CatalogJob[] jobs = [new("1", Corpus[0], "TX", "Austin"), new("2", Corpus[2], "TX", "Austin"), new("3", Corpus[4], "TX", "Austin")];
        var lsa = LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 3 });
        var recommender = ContentRecommender.Fit(jobs, [], new ContentRecommenderOptions { Similarity = "encoder" }, lsa);
        var user = new UserProfile("nurse on a hospital ward", new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

        var scores = recommender.Score(user, (await lsa.EmbedAsync([user.Text]))[0]);

        Assert.Equal(0, ContentRecommender.RankOf(scores, 1));
        Assert.Equal(scores, recommender.Score(user));
        Assert.Throws<ArgumentException>(() => ContentRecommender.Fit(jobs, [], new ContentRecommenderOptions { Similarity = "encoder" }));
        Assert.Throws<ArgumentException>(() => recommender.Score(user, new float[7]));
    }

    [Fact]
    public async Task EvalRecommend_RankerWithLsa_AddsTheEmbeddingWeights()
    {
        File.WriteAllText(Path.Combine(_dir, "jobs_catalog.csv"), "Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry\n" +
            string.Join('\n', Enumerable.Range(0, 12).Select(i => $"{i},{(i % 2 == 0 ? "Line Cook" : "Forklift Driver")} @ Co{i},{(i % 2 == 0 ? "Line Cook" : "Forklift Driver")},Co{i},Austin,Texas,TX,NA")) + "\n");
        File.WriteAllText(Path.Combine(_dir, "Positions_Of_Interest.csv"), "\"Applicant.ID\",\"Position.Of.Interest\",\"Created.At\",\"Updated.At\"\n10,\"cook\",x,x\n20,\"forklift\",x,x\n");
        File.WriteAllText(Path.Combine(_dir, "Experience.csv"), "\"Applicant.ID\",\"Position.Name\",\"Employer.Name\"\n10,\"Cook\",\"A\"\n20,\"Driver\",\"B\"\n");
        File.WriteAllText(Path.Combine(_dir, "Job_Views.csv"), "Applicant.ID,Job.ID,State.Code,View.Start\n" +
            "10,0,TX,2026-01-01\n10,2,TX,2026-01-02\n10,4,TX,2026-01-03\n20,1,TX,2026-01-01\n20,3,TX,2026-01-02\n20,5,TX,2026-01-03\n");
        var test = Write("test.csv", "Applicant.ID,Job.ID\n10,6\n20,7\n");

        var (code, json, stderr) = await Run("eval", "recommend", "--data", _dir, "--test", test, "--model", "ranker", "--encoder", "lsa", "--candidates", "10", "--json");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("lsa-", json!.RootElement.GetProperty("encoder").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.TryGetProperty("ranker_weight_emb_viewed_cosine", out _));
    }
}
