using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// The serving form of <see cref="ContentRecommender"/>: the TF-IDF cosine between a user's text (positions of interest, past
/// titles, titles of the jobs they interacted with) and a job's title — uni+bigrams, sublinear tf, no stop words, as in
/// <c>content_rec_anchor.py</c> — plus a state and a city bonus. Unlike the evaluation, which fits idf on a fixed catalog,
/// a cluster's catalog changes all the time, so the idf is a table fitted once on a reference corpus and terms are hashed
/// (<see cref="TermVector"/>): a term the table does not know weighs as the rarest (df 0), so a new job needs nothing refitted
/// and a job's vector, computed once when it registers, stays valid. Immutable and thread-safe.
/// </summary>
public sealed class ContentModel
{
    private static readonly TfidfOptions Analyzer = new() { MaxFeatures = null, NGramMin = 1, NGramMax = 2, EnglishStopWords = false, SublinearTf = true };

    private readonly Dictionary<ulong, float> _idf;
    private readonly float _unknownIdf;

    private ContentModel(Dictionary<ulong, float> idf, int documents, ContentModelOptions options)
    {
        _idf = idf;
        Documents = documents;
        _unknownIdf = (float)(Math.Log((1.0 + documents) / 1.0) + 1.0);
        Options = options;
    }

    /// <summary>The bonuses.</summary>
    public ContentModelOptions Options { get; }

    /// <summary>How many reference documents the idf table was fitted on.</summary>
    public int Documents { get; }

    /// <summary>Fits the idf table (smooth idf, scikit-learn's formula) on <paramref name="corpus"/>.</summary>
    public static ContentModel Fit(IEnumerable<string> corpus, ContentModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var df = new Dictionary<ulong, int>();
        int n = 0;
        foreach (var document in corpus)
        {
            n++;
            foreach (ulong term in DistinctTerms(document ?? "")) df[term] = df.GetValueOrDefault(term) + 1;
        }
        var idf = new Dictionary<ulong, float>(df.Count);
        foreach (var (term, count) in df) idf[term] = (float)(Math.Log((1.0 + n) / (1.0 + count)) + 1.0);
        return new ContentModel(idf, n, options ?? new ContentModelOptions());
    }

    /// <summary>The unit TF-IDF vector of <paramref name="text"/> (empty when it has no term of two or more word characters).</summary>
    public TermVector Vectorize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new HashSink(new List<ulong>(16));
        WordAnalyzer.Analyze(text, Analyzer, ref sink);
        var hashes = sink.Hashes;
        if (hashes.Count == 0) return TermVector.Empty;
        hashes.Sort();
        var terms = new List<ulong>(hashes.Count);
        var weights = new List<float>(hashes.Count);
        double norm = 0;
        for (int i = 0; i < hashes.Count;)
        {
            int run = 1;
            while (i + run < hashes.Count && hashes[i + run] == hashes[i]) run++;
            double w = (1.0 + Math.Log(run)) * _idf.GetValueOrDefault(hashes[i], _unknownIdf);
            terms.Add(hashes[i]);
            weights.Add((float)w);
            norm += w * w;
            i += run;
        }
        float scale = (float)(1.0 / Math.Sqrt(norm));
        var values = weights.ToArray();
        for (int i = 0; i < values.Length; i++) values[i] *= scale;
        return new TermVector([.. terms], values);
    }

    private static HashSet<ulong> DistinctTerms(string text)
    {
        var sink = new HashSink(new List<ulong>(16));
        WordAnalyzer.Analyze(text, Analyzer, ref sink);
        return [.. sink.Hashes];
    }

    private readonly struct HashSink(List<ulong> hashes) : ITermSink
    {
        public List<ulong> Hashes { get; } = hashes;

        public void Add(ReadOnlySpan<char> term) => Hashes.Add(TermVector.Hash(term));
    }
}
