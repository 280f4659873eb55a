using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TalentFlow.ML.Screening;

/// <summary>
/// A fixed pool of background resumes for per-job score normalisation (z-norm, as in speaker verification): each job's
/// similarity features are standardised by that job's mean and deviation against the pool, computed once per job
/// (<see cref="ScreeningFeatures.PrepareJobAsync"/>), so that a job whose wording makes every cosine high (a long ad) or low
/// (a one-paragraph description) is put on one scale before the global model sees it. The pool's texts travel in the model
/// artifact, so a model is always served with the pool it was trained with; they must be shippable (synthetic, not data).
/// </summary>
public sealed class ScreeningBackground
{
    /// <summary>The features normalised by default: every similarity or coverage (not the experience gap or education match).</summary>
    public static IReadOnlyList<string> SimilarityFeatures { get; } =
    [
        "text_tfidf", "skills_tfidf", "experience_tfidf", "education_tfidf", "title_tfidf", "title_coverage", "headline_coverage",
        "occupation_profile", "occupation_broad", "occupation_major", "headline_occupation", "headline_broad", "skill_coverage", "skill_overlap",
        "must_have_coverage", "nice_to_have_coverage", "semantic_text", "semantic_title", "semantic_experience",
    ];

    /// <summary>Creates a pool.</summary>
    /// <param name="name">What the pool is (for people: "synthetic-48").</param>
    /// <param name="resumes">The pool's resume texts (at least 2).</param>
    /// <param name="features">Names of the features to normalise (default <see cref="SimilarityFeatures"/>); others pass unchanged.</param>
    /// <param name="minScale">Floor of a job's deviation, so that a job the pool never resembles does not divide by ~0. Default 0.01.</param>
    public ScreeningBackground(string name, IReadOnlyList<string> resumes, IReadOnlyList<string>? features = null, double minScale = 0.01)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resumes);
        if (resumes.Count < 2 || resumes.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A background pool needs at least two non-empty resumes.", nameof(resumes));
        if (!(minScale > 0 && double.IsFinite(minScale))) throw new ArgumentOutOfRangeException(nameof(minScale), "The deviation floor must be positive.");
        Name = name;
        Resumes = [.. resumes];
        Features = [.. (features ?? SimilarityFeatures).Distinct(StringComparer.Ordinal)];
        MinScale = minScale;
        var text = new StringBuilder().Append(name).Append('\n').Append(minScale.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .AppendJoin(',', Features).Append('\n').AppendJoin("\n\u001e", Resumes);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>What the pool is.</summary>
    public string Name { get; }

    /// <summary>The pool's resume texts.</summary>
    public IReadOnlyList<string> Resumes { get; }

    /// <summary>Names of the normalised features.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Floor of a job's deviation.</summary>
    public double MinScale { get; }

    /// <summary>A hash of name, floor, features and texts: sides of pools with another fingerprint are not combined.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The repository's synthetic resumes (the same generator as the grains' sample corpus: eight roles, no real person's data),
    /// <paramref name="count"/> of them for <paramref name="seed"/>: a pool anyone may ship.
    /// </summary>
    public static ScreeningBackground Synthetic(int count = 48, int seed = 7, IReadOnlyList<string>? features = null) =>
        new(FormattableString.Invariant($"synthetic-{count}-seed{seed}"), SyntheticResumes.Generate(count, seed), features);

    /// <summary>
    /// Synthetic resumes written from the occupation space the model already ships (<see cref="ScreeningVocabulary.Occupations"/>:
    /// an occupation's title and the strongest words of its profile, in a resume's sections), <paramref name="count"/> occupations
    /// chosen by a seeded hash: a pool as broad as the occupations, made of nothing the artifact does not already hold.
    /// </summary>
    public static ScreeningBackground FromOccupations(ScreeningVocabulary vocabulary, int count = 48, int seed = 0, IReadOnlyList<string>? features = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var terms = vocabulary.Tfidf.Terms;
        var chosen = vocabulary.Occupations
            .OrderBy(o => ScreeningModelTrainer.Unit(o.Code, "background", seed))
            .Take(count)
            .OrderBy(o => o.Code, StringComparer.Ordinal);
        var resumes = chosen.Select((o, i) =>
        {
            var words = o.Profile.Indices.Zip(o.Profile.Values).OrderByDescending(p => p.Second).ThenBy(p => p.First).Take(12).Select(p => terms[p.First]).ToArray();
            int years = 2 + i % 10;
            return new StringBuilder()
                .Append(o.Title).Append('\n')
                .Append("Summary\n").Append(o.Title).Append(" with ").Append(years).Append(" years of experience.\n")
                .Append("Skills\n").AppendJoin(", ", words[..Math.Min(6, words.Length)]).Append('\n')
                .Append("Experience\n").Append(o.Title).Append(", ").Append(2025 - years).Append(" - Present\n")
                .Append("- ").AppendJoin(", ", words[Math.Min(6, words.Length)..]).Append('\n')
                .Append("Education\nBachelor's degree\n")
                .ToString();
        }).ToArray();
        return new(FormattableString.Invariant($"occupations-{resumes.Length}-seed{seed}:{vocabulary.Fingerprint}"), resumes, features);
    }
}
