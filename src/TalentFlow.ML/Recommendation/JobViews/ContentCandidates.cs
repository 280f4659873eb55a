namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// The hand-weighted content ranking's top k (TF-IDF cosine + state bonus + city bonus, as <c>content_rec_anchor.py</c>):
/// the candidates the learned ranker rescores and ConvFM's hard negatives come from.
/// </summary>
public static class ContentCandidates
{
    /// <summary>
    /// The <paramref name="k"/> unseen catalog jobs with the highest content score for <paramref name="user"/>, best first;
    /// equal scores in catalog order (lower index first), so the list is deterministic.
    /// </summary>
    public static int[] Top(JobViewsFeatures features, JobViewsUser user, int k, double stateWeight, double cityWeight)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        // A bounded heap whose root is the worst kept job: lowest score, then highest index.
        var heap = new PriorityQueue<int, (double Score, int Job)>(k + 1, WorstFirst.Instance);
        for (var j = 0; j < features.JobCount; j++)
        {
            if (user.Seen.Contains(j))
            {
                continue;
            }

            var key = (features.ContentScore(user, j, stateWeight, cityWeight), j);
            if (heap.Count < k)
            {
                heap.Enqueue(j, key);
            }
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(key, worst) > 0)
            {
                heap.EnqueueDequeue(j, key);
            }
        }

        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }

        return result;
    }

    private sealed class WorstFirst : IComparer<(double Score, int Job)>
    {
        public static readonly WorstFirst Instance = new();

        // Orders worse before better: a lower score is worse; on equal scores the higher index is worse.
        public int Compare((double Score, int Job) x, (double Score, int Job) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Job.CompareTo(x.Job);
    }
}
