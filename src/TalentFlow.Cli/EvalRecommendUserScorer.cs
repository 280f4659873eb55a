using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.Cli;

/// <summary>
/// Scores one held-out view with every model of <see cref="EvalRecommendLearned"/>, in the column order it reports:
/// popularity, content, ranker (when trained), then ConvFM, ConvFM on the content top k and the hybrid (when trained).
/// </summary>
internal sealed class EvalRecommendUserScorer(JobViewsFeatures features, double[] popularity, LearnedJobRanker? ranker, ConvFmRecommender? convFm,
    double hybridWeight, int candidates)
{
    private const double StateWeight = 0.5;
    private const double CityWeight = 0.5;

    private readonly double[] _scores = new double[features.JobCount];
    private readonly double[] _content = new double[features.JobCount];
    private readonly double[] _logits = new double[features.JobCount];

    public void Score(string userId, int target, EvalRecommendScores results, Random random, int sampled)
    {
        var profile = ranker?.PairFeatures.Profile(userId);
        var user = profile?.User ?? features.Profile(userId);
        var cold = user.IsCold;
        popularity.CopyTo(_scores, 0);
        foreach (var j in user.Seen)
        {
            _scores[j] = double.NegativeInfinity;
        }

        results.AddRank(0, RankOf(_scores, target), cold);
        if (convFm is not null)
        {
            convFm.ScoreParts(user, _logits, _content);
        }
        else
        {
            for (var j = 0; j < _content.Length; j++)
            {
                _content[j] = features.ContentScore(user, j, StateWeight, CityWeight);
            }

            foreach (var j in user.Seen)
            {
                _content[j] = double.NegativeInfinity;
            }
        }

        results.AddRank(1, RankOf(_content, target), cold);
        var top = ContentCandidates.Top(features, user, candidates, StateWeight, CityWeight);
        var rankerLogits = new double[top.Length];
        var column = 2;
        if (ranker is not null)
        {
            ranker.Score(profile!, top, rankerLogits);
            results.AddRank(column++, LearnedJobRanker.RankOf(top, rankerLogits, target), cold);
        }

        if (convFm is not null)
        {
            results.AddRank(column++, RankOf(_logits, target), cold);
            var rerank = new double[top.Length];
            var hybrid = new double[top.Length];
            for (var i = 0; i < top.Length; i++)
            {
                rerank[i] = _logits[top[i]];
                hybrid[i] = ConvFmRankerHybrid.Score(rerank[i], rankerLogits[i], hybridWeight);
            }

            results.AddRank(column++, LearnedJobRanker.RankOf(top, rerank, target), cold);
            results.AddRank(column, LearnedJobRanker.RankOf(top, hybrid, target), cold);
        }

        AddPair(results, profile, target, fromTop: false, positive: true);
        AddPair(results, profile, target, fromTop: true, positive: true);
        for (var k = 0; k < sampled; k++)
        {
            AddPair(results, profile, SampleUnviewed(user, target, random), fromTop: false, positive: false);
            if (top.Length > 1)
            {
                int job;
                do
                {
                    job = top[random.Next(top.Length)];
                }
                while (job == target);
                AddPair(results, profile, job, fromTop: true, positive: false);
            }
        }
    }

    private void AddPair(EvalRecommendScores results, JobViewsRankingProfile? profile, int job, bool fromTop, bool positive)
    {
        results.AddPair(0, fromTop, popularity[job], positive);
        results.AddPair(1, fromTop, _content[job], positive);

        // Logits are recorded as scores (ROC-AUC) and turned into probabilities for the thresholded metrics.
        var column = 2;
        var rankerLogit = 0.0;
        if (ranker is not null)
        {
            rankerLogit = ranker.Logit(profile!, job);
            results.AddPair(column++, fromTop, rankerLogit, positive);
        }

        if (convFm is not null)
        {
            results.AddPair(column++, fromTop, _logits[job], positive);
            results.AddPair(column++, fromTop, _logits[job], positive);
            results.AddPair(column, fromTop, ConvFmRankerHybrid.Score(_logits[job], rankerLogit, hybridWeight), positive);
        }
    }

    private int SampleUnviewed(JobViewsUser user, int target, Random random)
    {
        int job;
        var tries = 0;
        do
        {
            job = random.Next(features.JobCount);
        }
        while ((job == target || user.Seen.Contains(job)) && ++tries < 1000);
        return job;
    }

    /// <summary>0-based rank: how many jobs score strictly higher (ties count in the target's favour, as the anchors do).</summary>
    private static int RankOf(double[] scores, int target)
    {
        var value = scores[target];
        var rank = 0;
        foreach (var s in scores)
        {
            if (s > value)
            {
                rank++;
            }
        }

        return rank;
    }
}
