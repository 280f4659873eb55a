using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>What <see cref="ConvFmRankerHybrid.ChooseWeight"/> found on the ranker's cross-fitted validation queries.</summary>
/// <param name="Weight">The chosen weight w in ConvFM logit + w · ranker logit.</param>
/// <param name="HybridNdcg">Validation NDCG@10 of the hybrid at that weight (candidates rescored).</param>
/// <param name="ConvFmNdcg">Validation NDCG@10 of the ConvFM logit alone on the same candidates.</param>
/// <param name="RankerNdcg">Validation NDCG@10 of the ranker alone (out-of-fold) on the same candidates.</param>
/// <param name="Queries">Validation queries used.</param>
public readonly record struct ConvFmRankerHybridChoice(double Weight, double HybridNdcg, double ConvFmNdcg, double RankerNdcg, int Queries);

/// <summary>
/// The hybrid of ConvFM and the learned ranker over the content candidates: score = ConvFM logit + w · ranker logit. w is
/// chosen on the ranker's cross-fitted validation queries (each training user's last view, which ConvFM keeps for early
/// stopping and never trains on, scored by a ranker fold that did not see the user) — never on test views.
/// </summary>
public static class ConvFmRankerHybrid
{
    /// <summary>Weights tried by default (a large weight is the ranker alone with ConvFM breaking ties).</summary>
    public static IReadOnlyList<double> DefaultWeights { get; } = [0, 0.25, 0.5, 1, 2, 4, 8, 16, 64, 1024];

    /// <summary>The logits of <paramref name="jobs"/> for <paramref name="user"/> under ConvFM.</summary>
    public static void ConvFmLogits(ConvFmRecommender convFm, JobViewsUser user, ReadOnlySpan<int> jobs, Span<double> logits)
    {
        ArgumentNullException.ThrowIfNull(convFm);
        ArgumentNullException.ThrowIfNull(user);
        var inputs = new ConvFmInput[jobs.Length];
        var raw = new float[jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            inputs[i] = convFm.Features.Input(user, jobs[i]);
        }

        convFm.Model.PredictLogits(inputs, raw);
        for (var i = 0; i < jobs.Length; i++)
        {
            logits[i] = raw[i];
        }
    }

    /// <summary>Chooses w by validation NDCG@10 (the first of equal ones).</summary>
    public static ConvFmRankerHybridChoice ChooseWeight(ConvFmRecommender convFm, LearnedJobRanker ranker, IReadOnlyList<double>? weights = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(convFm);
        ArgumentNullException.ThrowIfNull(ranker);
        weights ??= DefaultWeights;
        if (weights.Count == 0)
        {
            throw new ArgumentException("Need at least one weight.", nameof(weights));
        }

        var ndcg = new double[weights.Count];
        double convFmOnly = 0, rankerOnly = 0;
        foreach (var query in ranker.Validation)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = convFm.Features.Profile(query.User, new HashSet<int> { query.Target });
            var logits = new double[query.Candidates.Length];
            ConvFmLogits(convFm, user, query.Candidates, logits);
            var scores = new double[logits.Length];
            for (var w = 0; w < weights.Count; w++)
            {
                for (var i = 0; i < scores.Length; i++)
                {
                    scores[i] = logits[i] + (weights[w] * query.Logits[i]);
                }

                ndcg[w] += Gain(LearnedJobRanker.RankOf(query.Candidates, scores, query.Target));
            }

            convFmOnly += Gain(LearnedJobRanker.RankOf(query.Candidates, logits, query.Target));
            rankerOnly += Gain(LearnedJobRanker.RankOf(query.Candidates, query.Logits, query.Target));
        }

        var best = 0;
        for (var w = 1; w < weights.Count; w++)
        {
            if (ndcg[w] > ndcg[best])
            {
                best = w;
            }
        }

        var n = Math.Max(1, ranker.Validation.Count);
        return new ConvFmRankerHybridChoice(weights[best], ndcg[best] / n, convFmOnly / n, rankerOnly / n, ranker.Validation.Count);
    }

    private static double Gain(int rank) => rank is >= 0 and < 10 ? 1 / Math.Log2(rank + 2) : 0;
}
