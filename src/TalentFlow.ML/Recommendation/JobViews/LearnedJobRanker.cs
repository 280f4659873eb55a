namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// A held-out query of the ranker's cross-fitted validation: a training user's last view, the content candidates of the
/// user without that view, and the logits of a model that never saw this user.
/// </summary>
/// <param name="User">Applicant.ID.</param>
/// <param name="Target">Catalog index of the held-out job.</param>
/// <param name="Candidates">The content ranking's top k, best first.</param>
/// <param name="Logits">Out-of-fold logits of the candidates.</param>
public sealed record JobRankerQuery(string User, int Target, int[] Candidates, double[] Logits);

/// <summary>
/// Learns what the hand-set content weights guess: logistic regression over <see cref="JobViewsPairFeatures"/>, trained
/// on each qualifying user's last training view against the content ranking's top k (hard negatives), and used to rescore
/// that top k. Jobs outside it are not recommended.
/// </summary>
public sealed partial class LearnedJobRanker
{
    private LearnedJobRanker(JobViewsPairFeatures pairFeatures, LearnedJobRankerModel model, IReadOnlyList<JobRankerQuery> validation)
    {
        PairFeatures = pairFeatures;
        Model = model;
        Validation = validation;
    }

    /// <summary>The feature computation.</summary>
    public JobViewsPairFeatures PairFeatures { get; }

    /// <summary>The weights.</summary>
    public LearnedJobRankerModel Model { get; }

    /// <summary>The cross-fitted validation queries (empty for a ranker made from a saved model).</summary>
    public IReadOnlyList<JobRankerQuery> Validation { get; }

    /// <summary>A ranker over <paramref name="pairFeatures"/> with saved weights; the feature names must match in order.</summary>
    public static LearnedJobRanker Create(JobViewsPairFeatures pairFeatures, LearnedJobRankerModel model)
    {
        ArgumentNullException.ThrowIfNull(pairFeatures);
        ArgumentNullException.ThrowIfNull(model);
        var names = pairFeatures.FeatureNames;
        if (model.FeatureNames.Count != names.Count)
        {
            throw new ArgumentException($"The model has {model.FeatureNames.Count} features; this build computes {names.Count}.", nameof(model));
        }

        for (var f = 0; f < names.Count; f++)
        {
            if (!string.Equals(model.FeatureNames[f], names[f], StringComparison.Ordinal))
            {
                throw new ArgumentException($"The model's feature {f} is '{model.FeatureNames[f]}'; this build computes '{names[f]}'.", nameof(model));
            }
        }

        return new LearnedJobRanker(pairFeatures, model, []);
    }

    /// <summary>The content ranking's top <see cref="LearnedJobRankerModel.Candidates"/> unseen jobs for <paramref name="user"/>.</summary>
    public int[] Candidates(JobViewsUser user) =>
        ContentCandidates.Top(PairFeatures.Features, user, Model.Candidates, Model.StateWeight, Model.CityWeight);

    /// <summary>The logit of one pair.</summary>
    public double Logit(JobViewsRankingProfile profile, int job)
    {
        Span<float> x = stackalloc float[PairFeatures.FeatureCount];
        PairFeatures.Compute(profile, job, x);
        return Model.Logit(x);
    }

    /// <summary>Logits of <paramref name="jobs"/> for <paramref name="profile"/> into <paramref name="logits"/>.</summary>
    public void Score(JobViewsRankingProfile profile, ReadOnlySpan<int> jobs, Span<double> logits)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (logits.Length < jobs.Length)
        {
            throw new ArgumentException("The destination is shorter than the job list.", nameof(logits));
        }

        Span<float> x = stackalloc float[PairFeatures.FeatureCount];
        for (var i = 0; i < jobs.Length; i++)
        {
            PairFeatures.Compute(profile, jobs[i], x);
            logits[i] = Model.Logit(x);
        }
    }

    /// <summary>0-based rank of <paramref name="target"/> among <paramref name="candidates"/> by score (strictly higher ones), or −1 when absent.</summary>
    public static int RankOf(ReadOnlySpan<int> candidates, ReadOnlySpan<double> scores, int target)
    {
        var at = candidates.IndexOf(target);
        if (at < 0)
        {
            return -1;
        }

        var rank = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (scores[i] > scores[at])
            {
                rank++;
            }
        }

        return rank;
    }
}
