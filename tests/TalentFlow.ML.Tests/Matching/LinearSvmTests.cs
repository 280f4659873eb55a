using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Matching;

public sealed class LinearSvmTests
{
    private static readonly string[] TrainTexts =
    [
        "python machine learning pandas", "deep learning python tensorflow", "statistics python regression models",
        "nurse patient care hospital", "icu nurse patient medication", "hospital ward patient nursing care",
        "accountant excel ledger tax", "tax audit accountant gaap", "ledger bookkeeping excel accountant",
    ];

    private static readonly int[] TrainLabels = [0, 0, 0, 1, 1, 1, 2, 2, 2];

    [Fact]
    public void Train_SeparableTopics_ClassifiesHeldOutTexts()
    {
        var vectorizer = TfidfVectorizer.Fit(TrainTexts, new TfidfOptions { SublinearTf = true });
        var model = LinearSvmTrainer.Train(vectorizer.Transform(TrainTexts), TrainLabels, vectorizer.Terms.Count, 3);
        string[] test = ["python tensorflow models", "patient care in the icu", "gaap tax ledger"];
        Assert.Equal([0, 1, 2], vectorizer.Transform(test).Select(model.Predict).ToArray());
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void Train_TwoSymmetricPoints_MatchesClosedFormSquaredHingeSolution(double c)
    {
        // x = +1 (class 0) and x = −1 (class 1): by symmetry the bias is 0 and w minimizes ½w² + 2C(1 − w)², so w = 4C / (1 + 4C).
        SparseVector[] x = [new([0], [1f]), new([0], [-1f])];
        var model = LinearSvmTrainer.Train(x, [0, 1], features: 1, classes: 2, new LinearSvmTrainer.Options { C = c, Tolerance = 1e-9 });
        var expected = 4 * c / (1 + 4 * c);
        Assert.Equal(expected, model.Scores(x[0])[0], 4);
        Assert.Equal(-expected, model.Scores(x[1])[0], 4);
    }

    [Fact]
    public void StratifiedFolds_ManyClasses_SpreadsEachClassEvenly()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 7).ToArray();
        var folds = CrossValidation.StratifiedFolds(labels, 5, seed: 3);
        Assert.Equal(folds, CrossValidation.StratifiedFolds(labels, 5, seed: 3));
        foreach (var c in Enumerable.Range(0, 7))
        {
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && folds[i] == f)).ToArray();
            Assert.InRange(perFold.Max() - perFold.Min(), 0, 1);
        }

        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 1);
    }

    [Theory]
    [InlineData(TextClassifierKind.LinearSvm)]
    [InlineData(TextClassifierKind.Centroid)]
    public void CrossValidationAccuracy_SeparableTopics_IsHigh(TextClassifierKind kind)
    {
        var folds = CrossValidation.StratifiedFolds(TrainLabels, 3, seed: 0);
        var accuracy = CrossValidation.Accuracy(TrainTexts, TrainLabels, 3, new TextClassifierOptions { Kind = kind }, folds);
        Assert.InRange(accuracy, 0.6, 1);
    }
}
