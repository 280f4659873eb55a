using System.Numerics.Tensors;

namespace TalentFlow.ML.Review;

/// <summary>One result placed in a review queue: its id and the numbers that put it there.</summary>
/// <param name="Id">The result.</param>
/// <param name="Key">
/// The ranking key: the distance to the threshold (uncertainty, smaller first), the spread of the model scores (disagreement,
/// larger first), the cosine distance to the nearest reviewed or earlier-queued result (diversity, larger first; +∞ when
/// there is none), the wait in seconds (oldest, larger first).
/// </param>
/// <param name="NearestId">Diversity: the nearest reviewed result (null when nothing is reviewed or has a vector).</param>
/// <param name="NearestSimilarity">Diversity: the cosine similarity to <paramref name="NearestId"/>.</param>
/// <param name="NearestQueuedId">Diversity: the nearest result queued ahead of this one, when it is nearer than any reviewed one.</param>
public sealed record ReviewRank(string Id, double Key, string? NearestId = null, double? NearestSimilarity = null, string? NearestQueuedId = null);

/// <summary>
/// The four queue orders, as pure functions of the results' numbers. Ties are broken by id (ordinal), so a queue is
/// reproducible.
/// </summary>
public static class ReviewRanking
{
    /// <summary>Closest to <c>threshold</c> first: key = |value − threshold|, rounded to 9 decimals so that equal distances tie.</summary>
    /// <param name="items">Per result: its id, the number the decision compares (score or calibrated probability) and that threshold.</param>
    /// <param name="limit">How many to return (at least 1).</param>
    public static IReadOnlyList<ReviewRank> Uncertainty(IEnumerable<(string Id, double Value, double Threshold)> items, int limit)
    {
        ArgumentNullException.ThrowIfNull(items);
        CheckLimit(limit);
        return [.. items.Select(i => new ReviewRank(i.Id, Math.Round(Math.Abs(i.Value - i.Threshold), 9)))
            .OrderBy(r => r.Key).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>Largest spread (max − min) between the model scores first; a result with fewer than two scores has spread 0.</summary>
    /// <param name="items">Per result: its id and each model's score, by model name.</param>
    /// <param name="limit">How many to return (at least 1).</param>
    public static IReadOnlyList<ReviewRank> Disagreement(IEnumerable<(string Id, IReadOnlyDictionary<string, double> Scores)> items, int limit)
    {
        ArgumentNullException.ThrowIfNull(items);
        CheckLimit(limit);
        return [.. items.Select(i => new ReviewRank(i.Id, i.Scores.Count < 2 ? 0 : Math.Round(i.Scores.Values.Max() - i.Scores.Values.Min(), 9)))
            .OrderByDescending(r => r.Key).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>Waiting longest first: key = seconds since <c>since</c>.</summary>
    /// <param name="items">Per result: its id and when it started waiting.</param>
    /// <param name="now">The current time.</param>
    /// <param name="limit">How many to return (at least 1).</param>
    public static IReadOnlyList<ReviewRank> Oldest(IEnumerable<(string Id, DateTimeOffset Since)> items, DateTimeOffset now, int limit)
    {
        ArgumentNullException.ThrowIfNull(items);
        CheckLimit(limit);
        return [.. items.Select(i => new ReviewRank(i.Id, Math.Max(0, (now - i.Since).TotalSeconds)))
            .OrderByDescending(r => r.Key).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>
    /// Greedy max-min (k-center) selection: each next pick is the candidate whose nearest neighbour among the reviewed results
    /// and the picks so far is farthest (cosine distance 1 − cos). With nothing reviewed, the first pick is the candidate most
    /// like the others (nearest the centroid), the most representative one to label first. Candidates without a vector
    /// follow, by id, with key 0.
    /// </summary>
    /// <param name="candidates">The results that may be queued, with their embedding (or TF-IDF) vector, or null.</param>
    /// <param name="reviewed">The results already reviewed, with their vectors.</param>
    /// <param name="limit">How many to return (at least 1).</param>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static IReadOnlyList<ReviewRank> Diversity(
        IReadOnlyList<(string Id, float[]? Vector)> candidates, IReadOnlyList<(string Id, float[] Vector)> reviewed, int limit)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(reviewed);
        CheckLimit(limit);
        var pool = candidates.Where(c => c.Vector is not null).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        int dimensions = pool.Count > 0 ? pool[0].Vector!.Length : reviewed.Count > 0 ? reviewed[0].Vector.Length : 0;
        if (pool.Any(c => c.Vector!.Length != dimensions) || reviewed.Any(r => r.Vector.Length != dimensions))
        {
            throw new ArgumentException("Every vector must have the same length.", nameof(candidates));
        }

        // Per candidate: the nearest reviewed result, and the nearest of reviewed ∪ picked (similarity; higher = nearer).
        int n = pool.Count;
        var nearestReviewed = new (string? Id, double Similarity)[n];
        var nearestAny = new (string? Id, double Similarity, bool Queued)[n];
        for (int i = 0; i < n; i++)
        {
            (string? Id, double Similarity) best = (null, double.NegativeInfinity);
            foreach (var (id, vector) in reviewed)
            {
                double similarity = Cosine(pool[i].Vector!, vector);
                if (similarity > best.Similarity) best = (id, similarity);
            }
            nearestReviewed[i] = best;
            nearestAny[i] = (best.Id, best.Similarity, false);
        }

        var taken = new bool[n];
        var picks = new List<ReviewRank>(Math.Min(limit, candidates.Count));
        while (picks.Count < limit && picks.Count < n)
        {
            int pick = -1;
            if (reviewed.Count == 0 && picks.Count == 0)
            {
                pick = MostCentral(pool);
            }
            else
            {
                double bestDistance = double.NegativeInfinity;
                for (int i = 0; i < n; i++)
                {
                    if (taken[i]) continue;
                    double distance = 1 - nearestAny[i].Similarity;
                    if (distance > bestDistance) (bestDistance, pick) = (distance, i); // ids ascend: the first of equals wins
                }
            }
            taken[pick] = true;
            var (nearId, nearSimilarity) = nearestReviewed[pick];
            var any = nearestAny[pick];
            picks.Add(new ReviewRank(pool[pick].Id, any.Id is null ? double.PositiveInfinity : 1 - any.Similarity,
                nearId, nearId is null ? null : nearSimilarity, any.Queued ? any.Id : null));
            for (int i = 0; i < n; i++)
            {
                if (taken[i]) continue;
                double similarity = Cosine(pool[i].Vector!, pool[pick].Vector!);
                if (similarity > nearestAny[i].Similarity) nearestAny[i] = (pool[pick].Id, similarity, true);
            }
        }
        foreach (var missing in candidates.Where(c => c.Vector is null).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (picks.Count >= limit) break;
            picks.Add(new ReviewRank(missing.Id, 0));
        }
        return picks;
    }

    /// <summary>The cosine similarity of two vectors (0 when either is all zeros).</summary>
    public static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float dot = TensorPrimitives.Dot(x, y);
        double norms = Math.Sqrt((double)TensorPrimitives.Dot(x, x) * TensorPrimitives.Dot(y, y));
        return norms == 0 ? 0 : dot / norms;
    }

    private static int MostCentral(List<(string Id, float[]? Vector)> pool)
    {
        var centroid = new float[pool[0].Vector!.Length];
        foreach (var (_, vector) in pool) TensorPrimitives.Add(centroid, vector!, centroid);
        int best = 0;
        double bestSimilarity = double.NegativeInfinity;
        for (int i = 0; i < pool.Count; i++)
        {
            double similarity = Cosine(pool[i].Vector!, centroid);
            if (similarity > bestSimilarity) (bestSimilarity, best) = (similarity, i);
        }
        return best;
    }

    private static void CheckLimit(int limit)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1.");
    }
}
