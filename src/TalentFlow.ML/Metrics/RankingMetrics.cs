namespace TalentFlow.ML.Metrics;

/// <summary>Metrics of one ranked list against the relevant items; average them over queries.</summary>
public static class RankingMetrics
{
    /// <summary>1 when any of the first <paramref name="k"/> items is relevant, else 0.</summary>
    public static double HitRate<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i])) return 1;
        }

        return 0;
    }

    /// <summary>Binary-relevance NDCG@k: DCG with gain 1 / log2(rank + 1) over the ideal DCG.</summary>
    public static double Ndcg<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        var gains = new double[Math.Min(k, ranked.Count)];
        for (var i = 0; i < gains.Length; i++)
        {
            gains[i] = relevant.Contains(ranked[i]) ? 1 : 0;
        }

        var ideal = new double[Math.Min(k, relevant.Count)];
        Array.Fill(ideal, 1.0);
        return Ndcg(gains, ideal);
    }

    /// <summary>Graded NDCG: <paramref name="gains"/> in ranked order, <paramref name="idealGains"/> sorted descending.</summary>
    public static double Ndcg(ReadOnlySpan<double> gains, ReadOnlySpan<double> idealGains)
    {
        var idcg = Dcg(idealGains);
        return idcg == 0 ? 0 : Dcg(gains) / idcg;
    }

    /// <summary>Sum of gain / log2(rank + 1), ranks from 1.</summary>
    public static double Dcg(ReadOnlySpan<double> gains)
    {
        double dcg = 0;
        for (var i = 0; i < gains.Length; i++)
        {
            dcg += gains[i] / Math.Log2(i + 2);
        }

        return dcg;
    }

    /// <summary>Average precision at k: mean of precision@i at each relevant rank i ≤ k, over min(k, |relevant|).</summary>
    public static double AveragePrecision<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant, int k)
    {
        if (relevant.Count == 0) return 0;
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                hits++;
                sum += (double)hits / (i + 1);
            }
        }

        return sum / Math.Min(k, relevant.Count);
    }
}
