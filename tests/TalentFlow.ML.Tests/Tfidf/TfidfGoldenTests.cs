using System.Text.Json;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Tfidf;

/// <summary>Compares the vectorizer with scikit-learn's output written by eng/ml/make_tfidf_golden.py.</summary>
public sealed class TfidfGoldenTests
{
    private const double Tolerance = 1e-6;

    private static readonly JsonElement Golden =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "tfidf_golden.json"))).RootElement;

    private static string[] Corpus()
    {
        var docs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tfidf_corpus.txt")).Split('\n').ToList();
        if (docs.Count > 0 && docs[^1].Length == 0)
        {
            docs.RemoveAt(docs.Count - 1);
        }

        return [.. docs];
    }

    public static TheoryData<string> Configs() => new(Golden.GetProperty("configs").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static (JsonElement Config, TfidfModel Model) Fit(string name)
    {
        var config = Golden.GetProperty("configs").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var ngram = config.GetProperty("ngram_range");
        var options = new TfidfOptions
        {
            MaxFeatures = config.GetProperty("max_features").GetInt32(),
            NGramMin = ngram[0].GetInt32(),
            NGramMax = ngram[1].GetInt32(),
        };
        return (config, TfidfVectorizer.Fit(Corpus(), options));
    }

    [Fact]
    public void StopWords_ComparedWithScikitLearn_AreIdentical()
    {
        var expected = Golden.GetProperty("stop_words").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.True(expected.SetEquals(EnglishStopWords.Set));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Fit_GoldenCorpus_VocabularyMatchesScikitLearn(string name)
    {
        var (config, model) = Fit(name);
        var expected = config.GetProperty("terms").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(expected, model.Terms);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Fit_GoldenCorpus_IdfMatchesScikitLearn(string name)
    {
        var (config, model) = Fit(name);
        var expected = config.GetProperty("idf").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, model.Idf.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - model.Idf[i]) <= Tolerance, $"idf[{i}] ({model.Terms[i]}): {model.Idf[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Transform_GoldenCorpus_VectorsMatchScikitLearn(string name)
    {
        var (config, model) = Fit(name);
        var vectors = model.Transform(Corpus());
        var expected = config.GetProperty("vectors").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, vectors.Length);
        for (var d = 0; d < expected.Length; d++)
        {
            var indices = expected[d].GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var values = expected[d].GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(indices, vectors[d].Indices);
            for (var k = 0; k < values.Length; k++)
            {
                Assert.True(Math.Abs(values[k] - vectors[d].Values[k]) <= Tolerance, $"doc {d} col {indices[k]}: {vectors[d].Values[k]} vs {values[k]}");
            }
        }
    }
}
