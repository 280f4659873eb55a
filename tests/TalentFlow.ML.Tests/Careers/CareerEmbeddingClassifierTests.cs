using TalentFlow.ML.Careers;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerEmbeddingClassifierTests
{
    private static readonly TfidfOptions Tfidf = new() { SublinearTf = true };

    /// <summary>
    /// Three careers whose texts share the same words (the text says nothing) while the embedding points along the career's
    /// axis with seeded noise: only the embedding block can separate them.
    /// </summary>
    private static (List<string> Texts, float[][] Embeddings, int[] Y) EmbeddingOnlySignal(int perClass, int seed)
    {
        var random = new Random(seed);
        string[] filler = ["team", "project", "reports", "office", "skills", "meetings", "customers", "schedule"];
        var texts = new List<string>();
        var embeddings = new List<float[]>();
        var y = new List<int>();
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < perClass; i++)
            {
                texts.Add(string.Join(' ', Enumerable.Range(0, 6).Select(_ => filler[random.Next(filler.Length)])));
                var e = new float[8];
                for (var d = 0; d < e.Length; d++) e[d] = (float)(random.NextDouble() - 0.5) * 0.4f;
                e[c] += 1;
                var norm = MathF.Sqrt(e.Sum(v => v * v));
                embeddings.Add([.. e.Select(v => v / norm)]);
                y.Add(c);
            }
        }

        return (texts, [.. embeddings], [.. y]);
    }

    [Fact]
    public void Append_PositiveWeight_PutsTheScaledEmbeddingAfterTheTextBlock()
    {
        var text = new SparseVector([1, 4], [0.6f, 0.8f]);

        var x = CareerEmbeddingClassifier.Append(text, 10, [0.5f, -0.5f], 2f);

        Assert.Equal([1, 4, 10, 11], x.Indices);
        Assert.Equal([0.6f, 0.8f, 1f, -1f], x.Values);
    }

    [Fact]
    public void Append_ZeroWeight_ReturnsTheTextVectorUnchanged()
    {
        var text = new SparseVector([2], [1f]);

        Assert.Equal(text, CareerEmbeddingClassifier.Append(text, 5, [0.3f, 0.4f], 0f));
    }

    [Fact]
    public void Select_SignalOnlyInTheEmbedding_ChoosesAnEmbeddingWeightAndBeatsTheTextAlone()
    {
        var (texts, embeddings, y) = EmbeddingOnlySignal(12, seed: 3);
        var folds = CrossValidation.StratifiedFolds(y, 3, 0);

        var textOnly = CareerEmbeddingClassifier.Select(texts, embeddings, y, 3, folds, [1], [0], [0f], useText: true, Tfidf, 0, null, null);
        var chosen = CareerEmbeddingClassifier.Select(texts, embeddings, y, 3, folds, [1], [0], [0f, 1f, 2f], useText: true, Tfidf, 0, null, null);

        Assert.True(chosen.EmbeddingWeight > 0, chosen.Describe());
        Assert.True(chosen.Accuracy >= 0.9, $"cv accuracy {chosen.Accuracy}");
        Assert.True(chosen.Accuracy > textOnly.Accuracy + 0.3, $"{chosen.Accuracy} vs text only {textOnly.Accuracy}");
    }

    [Fact]
    public void Fit_EmbeddingAlone_ClassifiesHeldOutTextsByTheirEmbedding()
    {
        var (texts, embeddings, y) = EmbeddingOnlySignal(10, seed: 5);
        var (testTexts, testEmbeddings, testY) = EmbeddingOnlySignal(5, seed: 6);
        var choice = new CareerEmbeddingClassifier.Choice(1, 0, 1f, UseText: false);

        var model = CareerEmbeddingClassifier.Fit(texts, embeddings, y, 3, choice, Tfidf, 0, null, null);
        var correct = testY.Where((c, i) => Array.IndexOf(model.Scores(testTexts[i], testEmbeddings[i]), model.Scores(testTexts[i], testEmbeddings[i]).Max()) == c).Count();

        Assert.True(correct >= testY.Length - 1, $"{correct} of {testY.Length}");
    }

    [Fact]
    public void Fit_CareerNamesWithoutTheirEmbeddings_Throws()
    {
        var (texts, embeddings, y) = EmbeddingOnlySignal(3, seed: 1);

        Assert.Throws<ArgumentException>(() => CareerEmbeddingClassifier.Fit(texts, embeddings, y, 3, new(1, 0, 1f, true), Tfidf, 0, ["a", "b", "c"], null));
    }

    [Fact]
    public void Scores_EmbeddingOfAnotherLength_Throws()
    {
        var (texts, embeddings, y) = EmbeddingOnlySignal(3, seed: 2);
        var model = CareerEmbeddingClassifier.Fit(texts, embeddings, y, 3, new(1, 0, 1f, true), Tfidf, 0, null, null);

        Assert.Throws<ArgumentException>(() => model.Scores("team project", new float[5]));
    }
}
