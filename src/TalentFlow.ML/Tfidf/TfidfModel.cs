using System.Buffers;
using System.Collections.Frozen;

namespace TalentFlow.ML.Tfidf;

/// <summary>A fitted TF-IDF vectorizer: vocabulary in alphabetical order, idf per term. Immutable and thread-safe.</summary>
public sealed class TfidfModel
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly double[] _idf;

    internal TfidfModel(TfidfOptions options, string[] terms, double[] idf)
    {
        Options = options;
        Terms = terms;
        _idf = idf;
        Vocabulary = terms.Select((t, i) => KeyValuePair.Create(t, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = Vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The parameters the model was fitted with.</summary>
    public TfidfOptions Options { get; }

    /// <summary>Terms by column index (scikit-learn's <c>get_feature_names_out()</c>).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Term to column index (scikit-learn's <c>vocabulary_</c>).</summary>
    public FrozenDictionary<string, int> Vocabulary { get; }

    /// <summary>Inverse document frequency by column (scikit-learn's <c>idf_</c>).</summary>
    public ReadOnlySpan<double> Idf => _idf;

    /// <summary>Transforms one document.</summary>
    public SparseVector Transform(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = ArrayPool<int>.Shared.Rent(64);
        var sink = new IndexSink(_lookup, buffer);
        try
        {
            WordAnalyzer.Analyze(document, Options, ref sink);
            return Weigh(sink.Indices);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sink.Buffer);
        }
    }

    /// <summary>Transforms many documents in parallel; the result is in input order.</summary>
    public SparseVector[] Transform(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var result = new SparseVector[documents.Count];
        Parallel.For(0, documents.Count, i => result[i] = Transform(documents[i] ?? string.Empty));
        return result;
    }

    private SparseVector Weigh(Span<int> indices)
    {
        if (indices.IsEmpty)
        {
            return SparseVector.Empty;
        }

        indices.Sort();
        var distinct = 1;
        for (var i = 1; i < indices.Length; i++)
        {
            if (indices[i] != indices[i - 1]) distinct++;
        }

        var idx = new int[distinct];
        Span<double> values = distinct <= 256 ? stackalloc double[distinct] : new double[distinct];
        var k = -1;
        for (var i = 0; i < indices.Length; i++)
        {
            if (i == 0 || indices[i] != indices[i - 1])
            {
                idx[++k] = indices[i];
            }

            values[k]++;
        }

        double norm = 0;
        for (var i = 0; i < distinct; i++)
        {
            var tf = Options.SublinearTf ? 1 + Math.Log(values[i]) : values[i];
            values[i] = tf * _idf[idx[i]];
            norm += values[i] * values[i];
        }

        norm = Options.L2Normalize && norm > 0 ? Math.Sqrt(norm) : 1;
        var result = new float[distinct];
        for (var i = 0; i < distinct; i++)
        {
            result[i] = (float)(values[i] / norm);
        }

        return new SparseVector(idx, result);
    }

    private ref struct IndexSink(FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, int[] buffer) : ITermSink
    {
        public int[] Buffer = buffer;
        private int _count;

        public readonly Span<int> Indices => Buffer.AsSpan(0, _count);

        public void Add(ReadOnlySpan<char> term)
        {
            if (!lookup.TryGetValue(term, out var index))
            {
                return;
            }

            if (_count == Buffer.Length)
            {
                var bigger = ArrayPool<int>.Shared.Rent(Buffer.Length * 2);
                Buffer.CopyTo(bigger, 0);
                ArrayPool<int>.Shared.Return(Buffer);
                Buffer = bigger;
            }

            Buffer[_count++] = index;
        }
    }
}
