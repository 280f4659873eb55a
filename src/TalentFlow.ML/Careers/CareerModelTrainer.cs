using TalentFlow.ML.Classification;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>Options, validation metrics and data statistics of a <see cref="CareerModel"/>'s training.</summary>
/// <param name="Settings">The options in short, e.g. <c>lsa(256)+mlp(hidden=256, dropout=0.3)</c>.</param>
/// <param name="TrainingSamples">Texts trained on.</param>
/// <param name="Epochs">Epochs of the MLP's final run (0 for the TF-IDF SVM).</param>
/// <param name="BestEpoch">The MLP's early-stopping epoch (0 for the TF-IDF SVM).</param>
/// <param name="ValidationAccuracy">The MLP's accuracy on the validation fold at the best epoch (NaN without one); the TF-IDF SVM's cross-validated accuracy.</param>
/// <param name="ValidationLoss">The MLP's balanced cross-entropy there (NaN without one; NaN for the SVM).</param>
/// <param name="Temperature">The served classifier's calibration temperature.</param>
/// <param name="IsSample">True when trained on generated sample data.</param>
/// <param name="SamplesBySource">Texts per source.</param>
/// <param name="SamplesByCareer">Texts per career.</param>
/// <param name="Classifier">The classifier served, <c>mlp</c> or <c>tfidf</c> (version 1 artifacts: <c>mlp</c>).</param>
/// <param name="Selection">How it was chosen: <c>cv</c> (the better cross-validated accuracy) or <c>fixed</c> (asked for).</param>
/// <param name="MlpCrossValidationAccuracy">The MLP's stratified k-fold accuracy on the training texts (NaN when not run).</param>
/// <param name="TfidfCrossValidationAccuracy">The TF-IDF SVM's, at its best C (NaN when not run).</param>
public sealed record CareerModelMetadata(string Settings, int TrainingSamples, int Epochs, int BestEpoch, double ValidationAccuracy, double ValidationLoss,
    float Temperature, bool IsSample, IReadOnlyDictionary<string, int> SamplesBySource, IReadOnlyDictionary<string, int> SamplesByCareer,
    string Classifier = "mlp", string Selection = "fixed", double MlpCrossValidationAccuracy = double.NaN, double TfidfCrossValidationAccuracy = double.NaN);

/// <summary>Trains <see cref="CareerModel"/>s from labelled texts or from a <see cref="CareerDataSet"/> (plus O*NET skills).</summary>
public static class CareerModelTrainer
{
    /// <summary>
    /// Fits the encoder on <paramref name="texts"/>, embeds them, trains the classifier (<see cref="CareerModelOptions.ClassifierKind"/>;
    /// by default the better of the MLP and the TF-IDF SVM by seeded stratified cross-validation on these texts) and the
    /// centroids; the careers are the distinct <paramref name="labels"/> in ordinal order. Knowledge is empty (see the
    /// overload with a data set).
    /// </summary>
    public static CareerModel Train(IReadOnlyList<string> texts, IReadOnlyList<string> labels, CareerModelOptions? options = null,
        IReadOnlyDictionary<string, int>? samplesBySource = null, bool isSample = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count != labels.Count) throw new ArgumentException("Need one label per text.");
        options ??= new CareerModelOptions();
        var careers = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (careers.Length < 2) throw new ArgumentException("Need at least two careers.");
        var index = careers.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var y = labels.Select(l => index[l]).ToArray();
        var encoder = EmbeddedEncoder.Fit(texts, options.Encoder, options.Seed, Math.Min(options.Dimensions, Math.Max(2, texts.Count - 1)), cancellationToken);
        var x = texts.Select(encoder.Embed).ToArray();
        var centroids = CareerModel.Centroids(x, y, careers.Length, encoder.Dimension);
        var byCareer = careers.ToDictionary(k => k, k => y.Count(l => l == index[k]), StringComparer.Ordinal);
        var knowledge = careers.Select(_ => CareerKnowledge.Empty).ToArray();
        var meta = new CareerModelMetadata(string.Empty, texts.Count, 0, 0, double.NaN, double.NaN, 1f, isSample,
            samplesBySource ?? new Dictionary<string, int>(), byCareer);

        // Keep the better per evaluation: the TF-IDF SVM's CV (which also picks its C and calibrates it) against the MLP's, same folds.
        CareerClassifierSelection.TfidfChoice? tfidf = null;
        IReadOnlyList<string>? labelTexts = options.LabelTexts ? [.. careers.Select(CareerClassifierSelection.LabelText)] : null;
        double mlpCv = double.NaN;
        if (options.ClassifierKind is null or CareerClassifierKind.Tfidf)
        {
            if (options.Folds < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Folds, "Need at least two folds.");
            if (options.HeadlineWords.Count == 0 || options.HeadlineWords.Any(w => w < 0))
            {
                throw new ArgumentOutOfRangeException(nameof(options), "HeadlineWords needs at least one length, none negative (0: no headline).");
            }

            var foldOf = CrossValidation.StratifiedFolds(y, Math.Min(options.Folds, texts.Count), options.Seed);
            tfidf = CareerClassifierSelection.Tfidf(texts, y, careers.Length, foldOf, options.SvmCosts, options.HeadlineWords, options.Tfidf,
                options.Seed, labelTexts, cancellationToken);
            if (options.ClassifierKind is null) mlpCv = CareerClassifierSelection.Mlp(texts, labels, foldOf, options, cancellationToken);
        }

        meta = meta with
        {
            Selection = options.ClassifierKind is null ? "cv" : "fixed",
            MlpCrossValidationAccuracy = mlpCv,
            TfidfCrossValidationAccuracy = tfidf?.Accuracy ?? double.NaN,
        };
        if (tfidf is not null && (options.ClassifierKind == CareerClassifierKind.Tfidf || tfidf.Accuracy >= mlpCv))
        {
            var svm = CareerClassifierSelection.Fit(texts, y, careers.Length, tfidf, options.Tfidf, options.Seed, labelTexts, cancellationToken);
            return new CareerModel(encoder, svm, careers, centroids, knowledge, meta with
            {
                Settings = $"{encoder.Kind.ToString().ToLowerInvariant()}({encoder.Dimension}) centroids; {svm.Describe()}{(labelTexts is null ? string.Empty : " + career names as texts")}",
                ValidationAccuracy = tfidf.Accuracy,
                Temperature = svm.Temperature,
                Classifier = "tfidf",
            });
        }

        var (classifier, report) = CareerClassifierTrainer.Train(x, y, careers.Length, options.Classifier with { Seed = options.Seed }, cancellationToken);
        var c = options.Classifier;
        return new CareerModel(encoder, classifier, careers, centroids, knowledge, meta with
        {
            Settings = $"{encoder.Kind.ToString().ToLowerInvariant()}({encoder.Dimension})+mlp(hidden={c.Hidden}, dropout={c.Dropout}, patience={c.Patience}, balanced={c.BalanceClasses})",
            Epochs = report.Epochs,
            BestEpoch = report.BestEpoch,
            ValidationAccuracy = report.ValidationAccuracy,
            ValidationLoss = report.ValidationLoss,
            Temperature = report.Temperature,
            Classifier = "mlp",
        });
    }

    /// <summary>
    /// Validates <paramref name="data"/> (errors throw), trains on its samples and attaches each career's knowledge: its
    /// skills from the data set, then the technologies of its O*NET occupations — those whose titles match the career, else
    /// the occupation whose embedding is nearest the career's centroid — and its books.
    /// </summary>
    /// <exception cref="InvalidDataException">The data set does not validate.</exception>
    public static CareerModel Train(CareerDataSet data, OnetCatalog? onet, CareerModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var validation = data.Validate();
        if (!validation.IsValid) throw new InvalidDataException("The career data set is not usable: " + string.Join("; ", validation.Errors));
        options ??= new CareerModelOptions();
        var model = Train([.. data.Samples.Select(s => s.Text)], [.. data.Samples.Select(s => s.Role)], options,
            data.CountsBySource().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), data.IsSample, cancellationToken);
        // Careers whose names match no O*NET title get the occupation whose technologies share most of the career's skills,
        // ties broken by TF-IDF cosine (fitted on O*NET's own texts) to the career's name, skills and training texts.
        var onetTfidf = onet is null ? null : TfidfVectorizer.Fit([.. onet.Occupations.Select(o => o.Text)], new TfidfOptions { SublinearTf = true, MaxFeatures = 50_000 });
        var onetVectors = onetTfidf?.Transform([.. onet!.Occupations.Select(o => o.Text)]);
        var knowledge = new CareerKnowledge[model.Careers.Count];
        for (int c = 0; c < knowledge.Length; c++)
        {
            var career = model.Careers[c];
            var occupations = onet is null ? [] : onet.Match(career, max: 2);
            if (onet is not null && occupations.Count == 0)
            {
                var query = onetTfidf!.Transform(string.Join(". ", [career, career, .. data.Skills.GetValueOrDefault(career, []),
                    .. data.Samples.Where(s => s.Role == career).Take(20).Select(s => s.Text)]));
                var own = data.Skills.GetValueOrDefault(career, []).Select(Canonical).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var nearest = Enumerable.Range(0, onet.Occupations.Count)
                    .MaxBy(i => onet.Occupations[i].Technologies.Count(t => own.Contains(Canonical(t))) + onetVectors![i].Cosine(query));
                occupations = [onet.Occupations[nearest]];
            }

            var skills = data.Skills.GetValueOrDefault(career, []).Concat(occupations.SelectMany(o => o.Technologies))
                .Distinct(StringComparer.OrdinalIgnoreCase).Take(options.SkillsPerCareer).ToArray();
            knowledge[c] = new CareerKnowledge(skills, data.Books.GetValueOrDefault(career, []), [.. occupations.Select(o => o.Code)]);
        }

        return model.WithKnowledge(knowledge);
    }

    private static string Canonical(string skill) => Skills.SkillVocabulary.Default.Canonicalize(skill) ?? skill;
}
