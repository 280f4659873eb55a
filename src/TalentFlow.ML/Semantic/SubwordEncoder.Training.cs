using System.Collections.Frozen;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <content>Fitting: vocabulary, word vectors from the PPMI SVD, n-gram bucket vectors, the principal component.</content>
public sealed partial class SubwordEncoder
{
    /// <summary>Words seen at least MinCount times, most frequent first (ties by ordinal order), their counts, and all tokens' count.</summary>
    private static (string[] Words, long[] Counts, long Total) Vocabulary(IReadOnlyList<string> documents, SubwordOptions options)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var gate = new object();
        // Per-thread counts merged under a lock: integer sums, so the merge order cannot change the result.
        Parallel.For(0, documents.Count, () => new Dictionary<string, long>(StringComparer.Ordinal), (d, state, local) =>
        {
            var lookup = local.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> word = stackalloc char[WordTokenizer.MaxWordLength];
            int position = 0;
            var text = documents[d].AsSpan();
            while (WordTokenizer.Next(text, ref position, word, out int length))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, word[..length], out _)++;
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                foreach (var (word, count) in local) CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _) += count;
            }
        });

        long total = 0;
        foreach (var count in counts.Values) total += count;
        var kept = counts.Where(p => p.Value >= options.MinCount)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(options.MaxVocabulary).ToArray();
        if (kept.Length < 2)
        {
            throw new ArgumentException($"The documents hold {kept.Length} word(s) seen at least {options.MinCount} times; the subword encoder needs two or more.");
        }

        return ([.. kept.Select(p => p.Key)], [.. kept.Select(p => p.Value)], total);
    }

    /// <summary>The ids of a document's known words in order; unknown words are dropped, so windows span over them (as word2vec does).</summary>
    private static int[] WordIds(string document, FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> index)
    {
        var ids = new List<int>();
        Span<char> word = stackalloc char[WordTokenizer.MaxWordLength];
        int position = 0;
        while (WordTokenizer.Next(document, ref position, word, out int length))
        {
            if (index.TryGetValue(word[..length], out int id)) ids.Add(id);
        }

        return [.. ids];
    }

    /// <summary>
    /// U·Σ^p, unit rows. U is not formed by the SVD (it returns V), but U = M·V·Σ⁻¹, so row w is M_w·V·Σ^(p−1): one sparse
    /// row times the term-major V.
    /// </summary>
    private static float[] WordVectors(SparseVector[] rows, float[] components, double[] singular, double eigenvalueWeight)
    {
        int words = rows.Length, dimension = singular.Length;
        var byWord = new float[words * dimension];
        for (int r = 0; r < dimension; r++)
        {
            for (int t = 0; t < words; t++) byWord[t * dimension + r] = components[r * words + t];
        }

        var scale = new float[dimension];
        for (int r = 0; r < dimension; r++) scale[r] = singular[r] > 1e-12 ? (float)Math.Pow(singular[r], eigenvalueWeight - 1) : 0f;
        var vectors = new float[words * dimension];
        Parallel.For(0, words, w =>
        {
            var target = vectors.AsSpan(w * dimension, dimension);
            var row = rows[w];
            for (int n = 0; n < row.Count; n++)
            {
                TensorPrimitives.MultiplyAdd(byWord.AsSpan(row.Indices[n] * dimension, dimension), row.Values[n], target, target);
            }

            TensorPrimitives.Multiply(target, scale, target);
            float norm = TensorPrimitives.Norm(target);
            if (norm > 0) TensorPrimitives.Divide(target, norm, target);
        });
        return vectors;
    }

    /// <summary>Each bucket's vector: the mean unit vector of the known words that hold one of its n-grams (one thread, word order).</summary>
    private static float[] BucketVectors(string[] words, float[] vectors, int dimension, SubwordOptions options)
    {
        var buckets = new float[options.Buckets * dimension];
        var counts = new int[options.Buckets];
        Span<int> grams = stackalloc int[SubwordHashing.MaxNGrams];
        for (int w = 0; w < words.Length; w++)
        {
            int count = SubwordHashing.Buckets(words[w], options.MinN, options.MaxN, options.Buckets, grams);
            var vector = vectors.AsSpan(w * dimension, dimension);
            for (int g = 0; g < count; g++)
            {
                var target = buckets.AsSpan(grams[g] * dimension, dimension);
                TensorPrimitives.Add(vector, target, target);
                counts[grams[g]]++;
            }
        }

        for (int b = 0; b < counts.Length; b++)
        {
            if (counts[b] > 1)
            {
                var target = buckets.AsSpan(b * dimension, dimension);
                TensorPrimitives.Divide(target, counts[b], target);
            }
        }

        return buckets;
    }

    /// <summary>
    /// The first principal component (uncentred, as in SIF) of the training documents' mean weighted word vectors: the
    /// direction common to every text (boilerplate, frequent words), which SIF removes.
    /// </summary>
    private float[] PrincipalComponent(IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        int d = Dimension;
        var pooled = new float[documents.Count * d];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var target = pooled.AsSpan(i * d, d);
            int words = Pool(documents[i], target);
            if (words > 0) TensorPrimitives.Divide(target, words, target);
        });

        // Gram matrix summed in document order on one thread, in double: the result must not depend on scheduling.
        var gram = new double[d * d];
        var row = new double[d];
        for (int i = 0; i < documents.Count; i++)
        {
            var x = pooled.AsSpan(i * d, d);
            for (int a = 0; a < d; a++) row[a] = x[a];
            for (int a = 0; a < d; a++)
            {
                if (row[a] == 0) continue;
                TensorPrimitives.MultiplyAdd<double>(row.AsSpan(a), row[a], gram.AsSpan(a * d + a, d - a), gram.AsSpan(a * d + a, d - a));
            }
        }

        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a];
        }

        var (_, eigenvectors) = SymmetricEigen.Decompose(gram, d);
        var principal = new float[d];
        for (int a = 0; a < d; a++) principal[a] = (float)eigenvectors[a * d];
        float norm = TensorPrimitives.Norm(principal);
        if (norm > 0) TensorPrimitives.Divide(principal, norm, principal);
        return principal;
    }
}
