using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>Which model <see cref="TextClassifier"/> puts on top of TF-IDF.</summary>
public enum TextClassifierKind
{
    /// <summary>Multinomial logistic regression (<see cref="SoftmaxRegressionTrainer"/>).</summary>
    LogisticRegression,

    /// <summary>Nearest class centroid by cosine (<see cref="NearestCentroidModel"/>).</summary>
    Centroid,

    /// <summary>One-vs-rest linear SVM (<see cref="LinearSvmTrainer"/>).</summary>
    LinearSvm,
}

/// <summary>Settings of a <see cref="TextClassifier"/>; defaults are the career anchor's features (sublinear tf).</summary>
public sealed record TextClassifierOptions
{
    /// <summary>The model. Default <see cref="TextClassifierKind.LogisticRegression"/>.</summary>
    public TextClassifierKind Kind { get; init; } = TextClassifierKind.LogisticRegression;

    /// <summary>Features: 5000 terms, 1–2-grams, English stop words, sublinear tf.</summary>
    public TfidfOptions Tfidf { get; init; } = new() { SublinearTf = true };

    /// <summary>Used when <see cref="Kind"/> is logistic regression.</summary>
    public SoftmaxRegressionTrainer.Options LogisticRegression { get; init; } = new();

    /// <summary>Used when <see cref="Kind"/> is the linear SVM.</summary>
    public LinearSvmTrainer.Options LinearSvm { get; init; } = new();

    /// <summary>A short description for logs and reports, e.g. <c>svm(C=0.5, balanced)</c>.</summary>
    public string Describe() => Kind switch
    {
        TextClassifierKind.LogisticRegression => $"logreg(C={LogisticRegression.C:0.###}, epochs={LogisticRegression.Epochs})",
        TextClassifierKind.Centroid => "centroid",
        _ => $"svm(C={LinearSvm.C:0.###}{(LinearSvm.BalancedClassWeights ? ", balanced" : string.Empty)})",
    };
}

/// <summary>TF-IDF fitted on the training texts plus a linear model over it: text → one score per class.</summary>
public sealed class TextClassifier
{
    private readonly Func<SparseVector, float[]> _scores;

    private TextClassifier(TfidfModel vectorizer, Func<SparseVector, float[]> scores)
    {
        Vectorizer = vectorizer;
        _scores = scores;
    }

    /// <summary>The fitted vectorizer.</summary>
    public TfidfModel Vectorizer { get; }

    /// <summary>Fits the vectorizer and the model on <paramref name="texts"/> with labels in [0, <paramref name="classes"/>).</summary>
    public static TextClassifier Train(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classes, TextClassifierOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new TextClassifierOptions();
        var vectorizer = TfidfVectorizer.Fit(texts, options.Tfidf);
        var x = vectorizer.Transform(texts);
        var features = vectorizer.Terms.Count;
        Func<SparseVector, float[]> scores = options.Kind switch
        {
            TextClassifierKind.Centroid => NearestCentroidModel.Train(x, labels, features, classes).Scores,
            TextClassifierKind.LinearSvm => LinearSvmTrainer.Train(x, labels, features, classes, options.LinearSvm, cancellationToken).Scores,
            _ => SoftmaxRegressionTrainer.Train(x, labels, features, classes, options.LogisticRegression, progress, cancellationToken).PredictProbabilities,
        };
        progress?.Report(1);
        return new TextClassifier(vectorizer, scores);
    }

    /// <summary>One score per class for each text (probabilities, cosines or decision values by model), in input order.</summary>
    public float[][] Scores(IReadOnlyList<string> texts) => [.. Vectorizer.Transform(texts).Select(_scores)];
}
