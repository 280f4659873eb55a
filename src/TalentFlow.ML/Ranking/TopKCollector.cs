namespace TalentFlow.ML.Ranking;

/// <summary>
/// Keeps the best k rows seen, best first, in a caller-provided span. k is small (tens), so a sorted insert beats a heap: after
/// the first k rows almost every candidate fails the single comparison with the current k-th.
/// </summary>
internal ref struct TopKCollector
{
    private readonly Span<ScoredRow> _best;
    private int _count;

    public TopKCollector(Span<ScoredRow> best)
        : this(best, 0)
    {
    }

    /// <summary>Continues a top list whose first <paramref name="count"/> entries are already in order.</summary>
    public TopKCollector(Span<ScoredRow> best, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)best.Length, nameof(count));
        _best = best;
        _count = count;
    }

    public readonly int Count => _count;

    /// <summary>The score a new row must beat (or tie with a lower row index) to enter; -∞ until k rows are in.</summary>
    public readonly float Threshold => _count < _best.Length ? float.NegativeInfinity : _best[_count - 1].Score;

    public void Offer(int row, float score)
    {
        if (_best.IsEmpty) return;
        var candidate = new ScoredRow(row, score);
        if (_count == _best.Length && !ScoredRow.Precedes(candidate, _best[_count - 1])) return;
        int i = _count < _best.Length ? _count++ : _count - 1;
        while (i > 0 && ScoredRow.Precedes(candidate, _best[i - 1]))
        {
            _best[i] = _best[i - 1];
            i--;
        }
        _best[i] = candidate;
    }
}
