using System.Runtime.InteropServices;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// The word × context matrix of a <see cref="SubwordEncoder"/>: windowed co-occurrence counts turned into shifted positive
/// PMI with context distribution smoothing. Its truncated SVD is the count-based counterpart of skip-gram with negative
/// sampling (Levy and Goldberg 2014: SGNS implicitly factorises the PMI matrix shifted by ln k).
/// </summary>
internal static class PpmiMatrix
{
    /// <summary>
    /// Counts co-occurrences within <see cref="SubwordOptions.Window"/> over the word-id sequences and returns one sparse
    /// PPMI row per word. Counts are integers (a pair d apart adds Window − d + 1), so the sums are exact and the result does
    /// not depend on any summation order.
    /// </summary>
    public static SparseVector[] Build(IReadOnlyList<int[]> documents, int words, SubwordOptions options)
    {
        int window = options.Window;
        // Each unordered pair is stored once under smaller id × words + larger id (the matrix is symmetric). Not (a << 32) | b:
        // long's hash code xors the halves, and a ^ b of small ids would pile every pair into a few thousand buckets.
        var pairs = new Dictionary<long, long>();
        foreach (var ids in documents)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                int a = ids[i];
                int end = Math.Min(ids.Length, i + window + 1);
                for (int j = i + 1; j < end; j++)
                {
                    int b = ids[j];
                    if (a == b) continue;
                    long key = a < b ? (long)a * words + b : (long)b * words + a;
                    CollectionsMarshal.GetValueRefOrAddDefault(pairs, key, out _) += window - (j - i) + 1;
                }
            }
        }

        var rowLength = new int[words];
        var marginal = new long[words];
        foreach (var (key, count) in pairs)
        {
            int a = (int)(key / words), b = (int)(key % words);
            rowLength[a]++;
            rowLength[b]++;
            marginal[a] += count;
            marginal[b] += count;
        }

        // log Σ_c #(c)^α, the normaliser of the smoothed context distribution.
        double smoothedTotal = 0;
        var smoothed = new double[words];
        for (int w = 0; w < words; w++)
        {
            smoothed[w] = Math.Pow(marginal[w], options.ContextSmoothing);
            smoothedTotal += smoothed[w];
        }

        var offsets = new int[words + 1];
        for (int w = 0; w < words; w++) offsets[w + 1] = offsets[w] + rowLength[w];
        var columns = new int[offsets[words]];
        var counts = new long[offsets[words]];
        var fill = offsets[..words];
        foreach (var (key, count) in pairs)
        {
            int a = (int)(key / words), b = (int)(key % words);
            columns[fill[a]] = b;
            counts[fill[a]++] = count;
            columns[fill[b]] = a;
            counts[fill[b]++] = count;
        }

        double shift = Math.Log(options.Shift);
        var rows = new SparseVector[words];
        Parallel.For(0, words, w =>
        {
            var cols = columns.AsSpan(offsets[w], rowLength[w]);
            var values = counts.AsSpan(offsets[w], rowLength[w]);
            cols.Sort(values);
            int kept = 0;
            var keptColumns = new int[cols.Length];
            var keptValues = new float[cols.Length];
            for (int n = 0; n < cols.Length; n++)
            {
                double pmi = Math.Log(values[n] * smoothedTotal / (marginal[w] * smoothed[cols[n]])) - shift;
                if (pmi <= 0) continue;
                keptColumns[kept] = cols[n];
                keptValues[kept++] = (float)pmi;
            }

            rows[w] = kept == 0 ? SparseVector.Empty : new SparseVector(keptColumns[..kept], keptValues[..kept]);
        });
        return rows;
    }
}
