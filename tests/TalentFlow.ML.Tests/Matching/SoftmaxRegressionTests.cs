using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Matching;

public sealed class SoftmaxRegressionTests
{
    [Fact]
    public void Train_SeparableTopics_ClassifiesHeldOutTexts()
    {
        string[] train =
        [
            "python machine learning pandas", "deep learning python tensorflow", "statistics python regression models",
            "nurse patient care hospital", "icu nurse patient medication", "hospital ward patient nursing care",
            "accountant excel ledger tax", "tax audit accountant gaap", "ledger bookkeeping excel accountant",
        ];
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2];
        var vectorizer = TfidfVectorizer.Fit(train, new TfidfOptions { SublinearTf = true });
        var model = SoftmaxRegressionTrainer.Train(vectorizer.Transform(train), labels, vectorizer.Terms.Count, 3);

        string[] test = ["python tensorflow models", "patient care in the icu", "gaap tax ledger"];
        var predicted = vectorizer.Transform(test).Select(v => model.PredictProbabilities(v)).Select(p => Array.IndexOf(p, p.Max())).ToArray();
        Assert.Equal([0, 1, 2], predicted);
    }

    [Fact]
    public void PredictProbabilities_AnyInput_SumsToOne()
    {
        string[] train = ["alpha beta", "gamma delta"];
        var vectorizer = TfidfVectorizer.Fit(train);
        var model = SoftmaxRegressionTrainer.Train(vectorizer.Transform(train), [0, 1], vectorizer.Terms.Count, 2);
        Assert.Equal(1.0, model.PredictProbabilities(vectorizer.Transform("alpha unknown")).Sum(), 5);
    }

    [Fact]
    public void NearestCentroid_SeparableTopics_ScoresOwnClassHighest()
    {
        string[] train = ["python pandas models", "python statistics", "nurse patient care", "icu nurse patient"];
        var vectorizer = TfidfVectorizer.Fit(train);
        var model = NearestCentroidModel.Train(vectorizer.Transform(train), [0, 0, 1, 1], vectorizer.Terms.Count, 2);
        var scores = model.Scores(vectorizer.Transform("patient care"));
        Assert.True(scores[1] > scores[0]);
        Assert.InRange(scores[1], 0f, 1.0001f);
    }
}
