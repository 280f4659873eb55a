using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>
/// A fixed pool of background resumes for per-job score normalisation (z-norm, as in speaker verification): each job's
/// similarity features are standardised by that job's mean and deviation against the pool, computed once per job
/// (<see cref="ScreeningFeatures.PrepareJobAsync"/>), so that a job whose wording makes every cosine high (a long ad) or low
/// (a one-paragraph description) is put on one scale before the global model sees it. The pool's texts travel in the model
/// artifact, so a model is always served with the pool it was trained with; they must be shippable (synthetic, not data).
/// <para>
/// Or, instead of texts, the pool's <see cref="Centroid"/> (<see cref="CentroidOf"/>): the average of its resume sides. The
/// features that are dot products with a resume-side vector (<see cref="LinearFeatures"/>) have their pool mean equal to the
/// dot product with the average, so the centroid centres them exactly — from an aggregate of many resumes (like the idf the
/// vocabulary already ships), not from any one resume's text or vector. Measured: centring alone does as well as
/// standardising (ML README, Screening).
/// </para>
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

    /// <summary>The features that are dot products of a job-side and a resume-side vector: a centroid normalises exactly these.</summary>
    public static IReadOnlyList<string> LinearFeatures { get; } =
    [
        "text_tfidf", "skills_tfidf", "experience_tfidf", "education_tfidf", "title_tfidf", "occupation_profile", "occupation_broad", "occupation_major",
        "headline_occupation", "headline_broad", "semantic_text", "semantic_title", "semantic_experience",
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

    /// <summary>
    /// A pool given by its centroid (<see cref="CentroidOf"/>): each job's <see cref="LinearFeatures"/> are centred on their
    /// mean over the pool (deviation 1).
    /// </summary>
    /// <exception cref="ArgumentException">A feature that is not linear, or a centroid with no vectors.</exception>
    public ScreeningBackground(string name, ScreeningResumeSide centroid, IReadOnlyList<string>? features = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(centroid);
        Features = [.. (features ?? LinearFeatures).Distinct(StringComparer.Ordinal)];
        if (Features.FirstOrDefault(f => !LinearFeatures.Contains(f, StringComparer.Ordinal)) is { } bad)
        {
            throw new ArgumentException($"A centroid centres only dot-product features; '{bad}' is not one.", nameof(features));
        }
        if (centroid.Text.Count == 0) throw new ArgumentException("The centroid has no text vector.", nameof(centroid));
        Name = name;
        Resumes = [];
        Centroid = centroid;
        MinScale = 1;
        var text = new StringBuilder().Append(name).Append("\ncentroid\n").AppendJoin(',', Features).Append('\n');
        foreach (var v in new[] { centroid.Text, centroid.Skills, centroid.Experience, centroid.Education, centroid.Headline,
            centroid.Occupations.Occupations, centroid.Occupations.Broad, centroid.Occupations.Major,
            centroid.HeadlineOccupations.Occupations, centroid.HeadlineOccupations.Broad, centroid.HeadlineOccupations.Major })
        {
            text.AppendJoin(',', v.Indices).Append(';').AppendJoin(',', v.Values.Select(x => x.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        foreach (var e in centroid.Embeddings) text.AppendJoin(',', e.Select(x => x.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The average of <paramref name="sides"/> (made by features without a pool): a pool given by its centroid.</summary>
    public static ScreeningBackground CentroidOf(string name, IReadOnlyList<ScreeningResumeSide> sides, IReadOnlyList<string>? features = null)
    {
        ArgumentNullException.ThrowIfNull(sides);
        if (sides.Count < 2) throw new ArgumentException("A centroid needs at least two resumes.", nameof(sides));
        int embeddings = sides[0].Embeddings.Length;
        if (sides.Any(s => s.Embeddings.Length != embeddings)) throw new ArgumentException("The sides differ in their embeddings.", nameof(sides));
        var centroid = new ScreeningResumeSide("centroid", Average(sides.Select(s => s.Text)), Average(sides.Select(s => s.Skills)), Average(sides.Select(s => s.Experience)),
            Average(sides.Select(s => s.Education)), Average(sides.Select(s => s.Headline)), [], Average(sides.Select(s => s.HeadlineOccupations)), [],
            Average(sides.Select(s => s.Occupations)), [], null, -1,
            [.. Enumerable.Range(0, embeddings).Select(k => Average(sides.Select(s => s.Embeddings[k])))]);
        return new ScreeningBackground(name, centroid, features);
    }

    private static ScreeningProfile Average(IEnumerable<ScreeningProfile> profiles)
    {
        var list = profiles.ToArray();
        return new ScreeningProfile(Average(list.Select(p => p.Occupations)), Average(list.Select(p => p.Broad)), Average(list.Select(p => p.Major)));
    }

    private static SparseVector Average(IEnumerable<SparseVector> vectors)
    {
        var sums = new SortedDictionary<int, double>();
        int n = 0;
        foreach (var v in vectors)
        {
            n++;
            for (int i = 0; i < v.Indices.Length; i++) sums[v.Indices[i]] = sums.GetValueOrDefault(v.Indices[i]) + v.Values[i];
        }
        return new SparseVector([.. sums.Keys], [.. sums.Values.Select(x => (float)(x / n))]);
    }

    private static float[] Average(IEnumerable<float[]> vectors)
    {
        double[]? sums = null;
        int n = 0;
        foreach (var v in vectors)
        {
            sums ??= new double[v.Length];
            if (v.Length != sums.Length) throw new ArgumentException("Embeddings of different dimensions.");
            for (int k = 0; k < v.Length; k++) sums[k] += v[k];
            n++;
        }
        return [.. (sums ?? []).Select(x => (float)(x / n))];
    }

    /// <summary>The pool's centroid, when it is given by one (then <see cref="Resumes"/> is empty).</summary>
    public ScreeningResumeSide? Centroid { get; }

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
        new(FormattableString.Invariant($"synthetic-{count}-seed{seed}"), SyntheticCorpus.Generate(count, seed), features);

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
