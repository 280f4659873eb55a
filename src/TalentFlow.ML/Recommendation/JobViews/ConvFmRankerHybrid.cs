using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>What <see cref="ConvFmRankerHybrid.ChooseWeight"/> found on the ranker's cross-fitted validation queries.</summary>
/// <param name="Weight">The chosen share w of the ranker in (1 − w) · ConvFM logit + w · ranker logit (1: the ranker alone).</param>
/// <param name="HybridNdcg">Validation NDCG@10 of the hybrid at that weight (candidates rescored).</param>
/// <param name="ConvFmNdcg">Validation NDCG@10 of the ConvFM logit alone on the same candidates.</param>
/// <param name="RankerNdcg">Validation NDCG@10 of the ranker alone (out-of-fold) on the same candidates.</param>
/// <param name="Queries">Validation queries used.</param>
public readonly record struct ConvFmRankerHybridChoice(double Weight, double HybridNdcg, double ConvFmNdcg, double RankerNdcg, int Queries);

/// <summary>
/// The hybrid of ConvFM and the learned ranker over the content candidates: score = (1 − w) · ConvFM logit + w · ranker
/// logit, w in [0, 1] (0 is ConvFM alone, 1 the ranker alone, so validation can also say that mixing does not help). w is
/// chosen on the ranker's cross-fitted validation queries (each training user's last view, which ConvFM keeps for early
/// stopping and never trains on, scored by a ranker fold that did not see the user) — never on test views.
/// </summary>
public static class ConvFmRankerHybrid
{
    /// <summary>Shares of the ranker tried by default: 0, 0.05, …, 1.</summary>
    public static IReadOnlyList<double> DefaultWeights { get; } = [.. Enumerable.Range(0, 21).Select(i => i / 20.0)];

    /// <summary>The hybrid score of a ConvFM logit and a ranker logit at share <paramref name="weight"/>.</summary>
    public static double Score(double convFmLogit, double rankerLogit, double weight) => ((1 - weight) * convFmLogit) + (weight * rankerLogit);

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
                    scores[i] = Score(logits[i], query.Logits[i], weights[w]);
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
