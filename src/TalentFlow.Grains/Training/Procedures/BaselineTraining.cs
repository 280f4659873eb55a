using TalentFlow.Grains.Matching;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// Training <c>baseline_tfidf</c> (through <see cref="TextPairTraining"/>): a per-section TF-IDF matcher fitted on the training
/// pairs' texts; the gate compares its raw score with production's matcher. The version is named after the job
/// (<c>baseline-{job}</c>).
/// </summary>
internal sealed class BaselineTraining(MatchingModels models) : ITextPairFitter
{
    /// <inheritdoc />
    public string Model => MatchingModels.BaselineModelName;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters { get; } =
        new Dictionary<string, string> { ["algorithm"] = "per-section TF-IDF (skills 0.4, experience 0.4, education 0.2)" };

    /// <inheritdoc />
    public TextPairModel Fit(string[] trainTexts, string jobKey)
    {
        var candidate = BaselineMatcher.Fit(trainTexts);
        // Production as it is now: a promotion during the evaluation does not change what the version is judged against.
        var production = models.Current.Matcher;
        using var stream = new MemoryStream();
        candidate.Save(stream);
        return new TextPairModel("baseline-" + jobKey, stream.ToArray(), pairs => Task.FromResult(RawScores(candidate, pairs)), pairs => Task.FromResult(RawScores(production, pairs)));
    }

    private static double[] RawScores(BaselineMatcher matcher, IReadOnlyList<VerdictPair> pairs) => [.. pairs.Select(s => matcher.Score(s.Resume, s.Job).RawScore)];
}
