using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Careers;

/// <summary>One recommended career.</summary>
/// <param name="Career">The career's name.</param>
/// <param name="Confidence">Calibrated probability in [0, 1].</param>
/// <param name="SkillsToLearn">The career's skills the person's text does not mention, in the career's order.</param>
/// <param name="Books">Books for the career (none when the training data had none).</param>
public sealed record CareerRecommendation(string Career, float Confidence, IReadOnlyList<string> SkillsToLearn, IReadOnlyList<CareerBook> Books);

/// <summary>The advice for one person.</summary>
/// <param name="Careers">The top careers, most probable first.</param>
/// <param name="SkillsFound">Skills found in the person's text (canonical names).</param>
/// <param name="ModelVersion">The <see cref="CareerModel.VersionId"/> that answered.</param>
/// <param name="IsSample">True when the model was trained on generated sample data.</param>
/// <param name="OutOfDomain">
/// True when the text is not something the model can advise on (too short, or unlike the texts it was trained on: see
/// <see cref="CareerDomain"/>); the confidences are then the uniform prior, 1 / careers, not the model's guess.
/// </param>
/// <param name="ConfidenceNote">Why <paramref name="OutOfDomain"/> is true, in words a user reads; null otherwise.</param>
public sealed record CareerAdvice(IReadOnlyList<CareerRecommendation> Careers, IReadOnlyList<string> SkillsFound, string ModelVersion, bool IsSample,
    bool OutOfDomain = false, string? ConfidenceNote = null);

/// <summary>
/// Seed 004's recommender over a <see cref="CareerModel"/>: free text about a person → the top k careers with calibrated
/// confidence, the skills to learn (the career's skills minus those found in the text by the <see cref="SkillVocabulary"/>
/// or named in it verbatim) and books. Thread-safe.
/// </summary>
public sealed class CareerAdvisor
{
    /// <summary>Most careers one call returns.</summary>
    public const int MaxTop = 50;

    private readonly SkillVocabulary _vocabulary;

    private readonly CareerDomainOptions _domain;

    /// <summary>
    /// Serves <paramref name="model"/>, finding skills with <paramref name="vocabulary"/> (default: the embedded one) and
    /// judging out-of-domain texts by <paramref name="domain"/> (default thresholds: see <see cref="CareerDomainOptions"/>).
    /// </summary>
    public CareerAdvisor(CareerModel model, SkillVocabulary? vocabulary = null, CareerDomainOptions? domain = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _vocabulary = vocabulary ?? SkillVocabulary.Default;
        _domain = domain ?? new CareerDomainOptions();
        _domain.Validate();
    }

    /// <summary>The model served.</summary>
    public CareerModel Model { get; }

    /// <summary>The <paramref name="top"/> careers for <paramref name="text"/> (1 to <see cref="MaxTop"/>, capped by the number of careers).</summary>
    /// <exception cref="ArgumentException">Empty text.</exception>
    public CareerAdvice Recommend(string text, int top = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        var found = _vocabulary.Find(text);
        var known = new HashSet<string>(found, StringComparer.OrdinalIgnoreCase);
        var phrase = " " + string.Join(' ', SkillTokenizer.Tokenize(text)).ToLowerInvariant() + " ";
        var careers = new List<CareerRecommendation>();
        // A text the model cannot read ("asdf qwerty", a recipe, one word) gets the prior, not a confident guess, and says why.
        var note = CareerDomain.OutOfDomainReason(Model.DomainSignals(text), _domain);
        foreach (var score in Model.Predict(text, Math.Min(top, Model.Careers.Count)))
        {
            var knowledge = Model.Knowledge[IndexOf(score.Career)];
            var toLearn = knowledge.Skills.Where(s => !Knows(s, known, phrase)).ToArray();
            careers.Add(new CareerRecommendation(score.Career, note is null ? score.Confidence : 1f / Model.Careers.Count, toLearn, knowledge.Books));
        }

        return new CareerAdvice(careers, found, Model.VersionId, Model.Metadata.IsSample, note is not null, note);
    }

    private bool Knows(string skill, HashSet<string> known, string phrase)
    {
        if (known.Contains(skill) || (_vocabulary.Canonicalize(skill) is { } canonical && known.Contains(canonical))) return true;
        var tokens = SkillTokenizer.Tokenize(skill);
        return tokens.Count > 0 && phrase.Contains(" " + string.Join(' ', tokens).ToLowerInvariant() + " ", StringComparison.Ordinal);
    }

    private int IndexOf(string career)
    {
        for (int i = 0; i < Model.Careers.Count; i++)
        {
            if (string.Equals(Model.Careers[i], career, StringComparison.Ordinal)) return i;
        }

        throw new InvalidOperationException($"Unknown career '{career}'.");
    }
}
