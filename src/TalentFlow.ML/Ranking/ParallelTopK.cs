namespace TalentFlow.ML.Ranking;

/// <summary>
/// Runs a top-k scan over rows in parallel: the rows are cut into chunks of a few thousand that the workers take as they
/// go, not one fixed range per core, because on a shared machine a core that is taken away for a few milliseconds would
/// otherwise hold up the whole query while the other waits. Each worker keeps its own top list across its chunks; the lists
/// are merged in <see cref="ScoredRow.Precedes"/> order, so the result is the same whichever worker scanned which chunk.
/// </summary>
internal static class ParallelTopK
{
    /// <summary>Rows below which one thread is faster than waking others.</summary>
    public const int ParallelThreshold = 16_384;

    /// <summary>Rows per chunk a worker takes at a time (6 MB of 384-float rows).</summary>
    private const int ChunkRows = 4_096;

    /// <summary>Scans rows [start, end) into a top list that already holds <paramref name="count"/> rows; returns its new count.</summary>
    public delegate int RangeScan(int start, int end, Span<ScoredRow> best, int count);

    /// <summary>The best <c>result.Length</c> rows (at most <paramref name="rows"/>), best first; returns how many.</summary>
    public static int Run(int rows, int maxDegreeOfParallelism, Span<ScoredRow> result, RangeScan scan)
    {
        int k = Math.Min(result.Length, rows);
        if (k == 0) return 0;
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        workers = Math.Clamp(rows / ParallelThreshold, 1, workers);
        if (workers == 1) return scan(0, rows, result[..k], 0);

        int chunks = (rows + ChunkRows - 1) / ChunkRows;
        var lists = new List<Local>(workers);
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => new Local(k),
            (chunk, _, local) =>
            {
                int start = chunk * ChunkRows;
                local.Count = scan(start, Math.Min(rows, start + ChunkRows), local.Best, local.Count);
                return local;
            },
            local =>
            {
                lock (lists) lists.Add(local);
            });
        var merged = new TopKCollector(result[..k]);
        foreach (var local in lists)
        {
            foreach (var row in local.Best.AsSpan(0, local.Count)) merged.Offer(row.Row, row.Score);
        }
        return merged.Count;
    }

    private sealed class Local(int k)
    {
        public ScoredRow[] Best { get; } = new ScoredRow[k];

        public int Count { get; set; }
    }
}
