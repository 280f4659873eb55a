using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TalentFlow.ML.Tfidf;

/// <summary>Fits a <see cref="TfidfModel"/> with scikit-learn's <c>TfidfVectorizer</c> semantics, in parallel over documents.</summary>
public static class TfidfVectorizer
{
    /// <summary>Learns the vocabulary and idf of <paramref name="documents"/>.</summary>
    public static TfidfModel Fit(IReadOnlyList<string> documents, TfidfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new TfidfOptions();
        options.Validate();

        var partials = new ConcurrentBag<Dictionary<string, TermStats>>();
        Parallel.ForEach(
            Partitioner.Create(0, documents.Count, Math.Max(16, documents.Count / (4 * Environment.ProcessorCount) + 1)),
            () => new Dictionary<string, TermStats>(StringComparer.Ordinal),
            (range, state, local) =>
            {
                var sink = new StatsSink(local);
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    sink.Document = d;
                    WordAnalyzer.Analyze(documents[d] ?? string.Empty, options, ref sink);
                }

                return local;
            },
            partials.Add);

        var total = new Dictionary<string, TermStats>(StringComparer.Ordinal);
        foreach (var part in partials)
        {
            foreach (var (term, s) in part)
            {
                ref var stats = ref CollectionsMarshal.GetValueRefOrAddDefault(total, term, out _);
                stats.Tf += s.Tf;
                stats.Df += s.Df;
            }
        }

        if (total.Count == 0)
        {
            throw new ArgumentException("Empty vocabulary: the documents contain only stop words or no words.", nameof(documents));
        }

        var terms = total.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        terms = Limit(terms, total, options.MaxFeatures);

        var n = (double)documents.Count;
        var idf = new double[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            double df = total[terms[i]].Df;
            idf[i] = options.SmoothIdf ? Math.Log((1 + n) / (1 + df)) + 1 : Math.Log(n / df) + 1;
        }

        return new TfidfModel(options, terms, idf);
    }

    /// <summary>scikit-learn's <c>_limit_features</c>: keep the <paramref name="limit"/> most frequent, in alphabetical order.</summary>
    private static string[] Limit(string[] sortedTerms, Dictionary<string, TermStats> stats, int? limit)
    {
        if (limit is null || sortedTerms.Length <= limit)
        {
            return sortedTerms;
        }

        var negTf = new long[sortedTerms.Length];
        for (var i = 0; i < negTf.Length; i++)
        {
            negTf[i] = -stats[sortedTerms[i]].Tf;
        }

        var order = NumPyArgSort.ArgSort(negTf);
        var keep = order.AsSpan(0, limit.Value).ToArray();
        Array.Sort(keep);
        var kept = new string[keep.Length];
        for (var i = 0; i < keep.Length; i++)
        {
            kept[i] = sortedTerms[keep[i]];
        }

        return kept;
    }

    private struct TermStats
    {
        public long Tf;
        public int Df;

        /// <summary>Last document counted in <see cref="Df"/>, plus one (0: none yet).</summary>
        public int LastDocument;
    }

    /// <summary>Counts straight into the partition's table; a term's string is allocated only the first time it is seen.</summary>
    private struct StatsSink(Dictionary<string, TermStats> stats) : ITermSink
    {
        private readonly Dictionary<string, TermStats>.AlternateLookup<ReadOnlySpan<char>> _lookup =
            stats.GetAlternateLookup<ReadOnlySpan<char>>();

        public int Document;

        public readonly void Add(ReadOnlySpan<char> term)
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, term, out _);
            s.Tf++;
            if (s.LastDocument != Document + 1)
            {
                s.Df++;
                s.LastDocument = Document + 1;
            }
        }
    }
}
