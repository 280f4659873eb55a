using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>A reference occupation of the <see cref="ScreeningVocabulary"/>'s occupation space.</summary>
/// <param name="Code">Its code, e.g. the O*NET-SOC code.</param>
/// <param name="Title">Its title.</param>
/// <param name="Profile">Its unit-length TF-IDF vector, cut to its strongest terms.</param>
public sealed record ScreeningOccupation(string Code, string Title, SparseVector Profile);

/// <summary>A text's projection on the occupation space, at three levels of the SOC hierarchy, each a unit-length sparse vector.</summary>
/// <param name="Occupations">Over occupation indices.</param>
/// <param name="Broad">Over broad groups (the code's first six characters, <c>13-201</c>).</param>
/// <param name="Major">Over major groups (the code's first two characters, <c>13</c>).</param>
public sealed record ScreeningProfile(SparseVector Occupations, SparseVector Broad, SparseVector Major)
{
    /// <summary>No projection.</summary>
    public static ScreeningProfile Empty { get; } = new(SparseVector.Empty, SparseVector.Empty, SparseVector.Empty);
}

/// <summary>How a <see cref="ScreeningVocabulary"/> is fitted.</summary>
public sealed record ScreeningVocabularyOptions
{
    /// <summary>The TF-IDF parameters. Default: unigrams and bigrams, at most 8,000 terms, sublinear tf.</summary>
    public TfidfOptions Tfidf { get; init; } = new() { MaxFeatures = 8000, NGramMax = 2, SublinearTf = true };

    /// <summary>Terms kept per occupation profile. Default 30.</summary>
    public int TermsPerOccupation { get; init; } = 30;

    /// <summary>Occupations a document's profile keeps (its nearest). Default 20.</summary>
    public int OccupationsPerDocument { get; init; } = 20;

    /// <summary>Lower-case and lightly stem words before TF-IDF ("accountants" → "accountant"), so plural occupation titles meet singular resume headlines. Default true.</summary>
    public bool Stem { get; init; } = true;

    /// <summary>Softmax temperature over a document's cosines to its nearest occupations. Default 0.05.</summary>
    public double Temperature { get; init; } = 0.05;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Tfidf);
        Tfidf.Validate();
        if (TermsPerOccupation < 1 || OccupationsPerDocument < 1 || !(Temperature > 0))
        {
            throw new ArgumentException("TermsPerOccupation and OccupationsPerDocument must be at least 1 and Temperature positive.");
        }
    }
}

/// <summary>
/// The text space the screening features live in, kept inside the <see cref="ScreeningModel"/> artifact so that a model is
/// always served with the vocabulary it was trained with, whatever baseline matcher the silo runs: a TF-IDF vectorizer, and
/// an optional occupation space (reference occupations as TF-IDF profiles) on which a job and a resume are both projected
/// and compared — a generic "same kind of work" signal that needs no labels.
/// </summary>
public sealed class ScreeningVocabulary
{
    private readonly int[] _broad;
    private readonly int[] _major;

    internal ScreeningVocabulary(TfidfModel tfidf, IReadOnlyList<ScreeningOccupation> occupations, int occupationsPerDocument, double temperature, bool stem)
    {
        Tfidf = tfidf;
        Occupations = occupations;
        OccupationsPerDocument = occupationsPerDocument;
        Temperature = temperature;
        Stem = stem;
        _broad = GroupIndex(occupations, 6);
        _major = GroupIndex(occupations, 2);
    }

    /// <summary>Whether words are stemmed before TF-IDF (<see cref="ScreeningVocabularyOptions.Stem"/>).</summary>
    public bool Stem { get; }

    /// <summary>A hash of terms, idf, options and occupation space (16 hex digits): features of two vocabularies never mix.</summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    private string? _fingerprint;

    /// <summary>The vectorizer of every TF-IDF feature.</summary>
    public TfidfModel Tfidf { get; }

    /// <summary>The occupation space; empty when none was given.</summary>
    public IReadOnlyList<ScreeningOccupation> Occupations { get; }

    /// <summary>Occupations a document's profile keeps.</summary>
    public int OccupationsPerDocument { get; }

    /// <summary>Softmax temperature of a document's profile.</summary>
    public double Temperature { get; }

    /// <summary>
    /// Fits the vectorizer on <paramref name="corpus"/> and builds the occupation space from <paramref name="occupations"/>
    /// (code, title, text; may be empty).
    /// </summary>
    /// <exception cref="ArgumentException">An empty corpus or a bad option.</exception>
    public static ScreeningVocabulary Fit(IReadOnlyList<string> corpus, IReadOnlyList<(string Code, string Title, string Text)> occupations, ScreeningVocabularyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(occupations);
        options ??= new ScreeningVocabularyOptions();
        options.Validate();
        if (corpus.Count == 0) throw new ArgumentException("The vocabulary needs at least one document.", nameof(corpus));
        var fitted = TfidfVectorizer.Fit(options.Stem ? [.. corpus.Select(ScreeningText.Stem)] : corpus, options.Tfidf);
        // Rounded as the artifact keeps them, so a model scores the same before and after a save (and the file stays small).
        var tfidf = new TfidfModel(fitted.Options, [.. fitted.Terms], [.. fitted.Idf.ToArray().Select(x => Math.Round(x, 6))]);
        var space = new List<ScreeningOccupation>(occupations.Count);
        foreach (var (code, title, text) in occupations)
        {
            var profile = Top(tfidf.Transform(options.Stem ? ScreeningText.Stem(text) : text), options.TermsPerOccupation);
            if (profile.Count > 0) space.Add(new ScreeningOccupation(code, title, profile));
        }
        return new ScreeningVocabulary(tfidf, space, options.OccupationsPerDocument, options.Temperature, options.Stem);
    }

    /// <summary>The TF-IDF vector of a text (stemmed first when <see cref="Stem"/>).</summary>
    public SparseVector Vectorize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tfidf.Transform(Stem ? ScreeningText.Stem(text) : text);
    }

    /// <summary>
    /// A text's occupation profile: softmax of its cosines to its nearest occupations (temperature <see cref="Temperature"/>),
    /// summed per broad and per major group, each as a unit-length sparse vector; empty without an occupation space or for a
    /// text with no known term.
    /// </summary>
    public ScreeningProfile Profile(SparseVector text)
    {
        if (Occupations.Count == 0 || text.Count == 0) return ScreeningProfile.Empty;
        var cosines = new (int Index, float Cosine)[Occupations.Count];
        for (int k = 0; k < cosines.Length; k++) cosines[k] = (k, text.Dot(Occupations[k].Profile));
        var nearest = cosines.OrderByDescending(c => c.Cosine).ThenBy(c => c.Index).Take(OccupationsPerDocument).ToArray();
        if (nearest[0].Cosine <= 0) return ScreeningProfile.Empty;
        double max = nearest[0].Cosine;
        var weights = nearest.Select(c => Math.Exp((c.Cosine - max) / Temperature)).ToArray();
        return new ScreeningProfile(
            Unit(nearest.Select((c, i) => (c.Index, weights[i]))),
            Unit(nearest.Select((c, i) => (_broad[c.Index], weights[i]))),
            Unit(nearest.Select((c, i) => (_major[c.Index], weights[i]))));
    }

    /// <summary>Sums weights per index and returns them as a unit-length sparse vector.</summary>
    private static SparseVector Unit(IEnumerable<(int Index, double Weight)> entries)
    {
        var sums = new SortedDictionary<int, double>();
        foreach (var (index, weight) in entries) sums[index] = sums.GetValueOrDefault(index) + weight;
        double norm = Math.Sqrt(sums.Values.Sum(w => w * w));
        return norm == 0 ? SparseVector.Empty : new SparseVector([.. sums.Keys], [.. sums.Values.Select(w => (float)(w / norm))]);
    }

    private static int[] GroupIndex(IReadOnlyList<ScreeningOccupation> occupations, int prefix)
    {
        var keys = occupations.Select(o => o.Code.Length >= prefix ? o.Code[..prefix] : o.Code).ToArray();
        var index = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        return [.. keys.Select(k => index[k])];
    }

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var o = Tfidf.Options;
        hash.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant(
            $"{o.MaxFeatures}|{o.NGramMin}|{o.NGramMax}|{o.EnglishStopWords}|{o.Lowercase}|{o.SmoothIdf}|{o.SublinearTf}|{o.L2Normalize}|{OccupationsPerDocument}|{Temperature:R}|{Stem}\n")));
        foreach (var term in Tfidf.Terms) hash.AppendData(Encoding.UTF8.GetBytes(term + "\n"));
        foreach (double idf in Tfidf.Idf) hash.AppendData(BitConverter.GetBytes(idf));
        foreach (var occupation in Occupations)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(occupation.Code + "\n"));
            foreach (int i in occupation.Profile.Indices) hash.AppendData(BitConverter.GetBytes(i));
            foreach (float v in occupation.Profile.Values) hash.AppendData(BitConverter.GetBytes(v));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The <paramref name="count"/> largest entries of a vector, renormalised to unit length.</summary>
    internal static SparseVector Top(SparseVector v, int count)
    {
        if (v.Count == 0) return v;
        var keep = Enumerable.Range(0, v.Count).OrderByDescending(i => v.Values[i]).ThenBy(i => v.Indices[i]).Take(count).Order().ToArray();
        double norm = Math.Sqrt(keep.Sum(i => (double)v.Values[i] * v.Values[i]));
        return new SparseVector([.. keep.Select(i => v.Indices[i])], [.. keep.Select(i => (float)Math.Round(v.Values[i] / norm, 4))]);
    }
}
