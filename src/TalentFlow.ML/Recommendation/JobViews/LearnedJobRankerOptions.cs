namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>How <see cref="LearnedJobRanker"/> trains on job views.</summary>
public sealed record LearnedJobRankerOptions
{
    /// <summary>How many of the content ranking's best jobs are rescored (and are the training candidates). Default 300.</summary>
    public int Candidates { get; init; } = 300;

    /// <summary>
    /// Users with at least this many distinct viewed jobs give their last view (by View.Start) as a training positive — the
    /// split's own protocol, inside the training views. Default 3.
    /// </summary>
    public int MinJobsForTraining { get; init; } = 3;

    /// <summary>
    /// Queries per training user: 1 is the last view only; n also makes the 2nd … n-th latest distinct jobs targets, each
    /// with the profile of the views before it (that job and every later one left out), as long as the target and the
    /// jobs before it are at least <see cref="MinJobsForTraining"/> distinct jobs (as for a held-out user). Validation and
    /// <c>cv_*</c> use the last view only. Default 5, chosen on the cross-fitted validation of the training users (1, 2, 3,
    /// 5, 10, 50 tried; 5 had the best <c>cv_ndcg@10</c>).
    /// </summary>
    public int QueriesPerUser { get; init; } = 5;

    /// <summary>L2 penalty on the standardised weights (the bias is not penalised), on the summed log-loss. Default 1.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Most Newton steps. Default 50.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <summary>Newton stops when the largest weight change falls below this. Default 1e-9.</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// Folds of the cross-fitted validation over the training users: every user is scored by a model that did not see
    /// them (reported as <c>cv_*</c>, and what a hybrid's weight is chosen on). Default 5.
    /// </summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seeds the assignment of users to folds. Default 20261122.</summary>
    public int Seed { get; init; } = 20261122;

    /// <summary>The content ranking's state bonus (the anchor's 0.5).</summary>
    public double StateWeight { get; init; } = 0.5;

    /// <summary>The content ranking's city bonus (the anchor's 0.5).</summary>
    public double CityWeight { get; init; } = 0.5;

    /// <summary>How the content profile is built (the TF-IDF model is shared with ConvFM's fields).</summary>
    public JobViewsFeatureOptions Features { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Candidates, 2, nameof(Candidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinJobsForTraining, 2, nameof(MinJobsForTraining));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueriesPerUser, 1, nameof(QueriesPerUser));
        ArgumentOutOfRangeException.ThrowIfNegative(L2, nameof(L2));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Tolerance, nameof(Tolerance));
        ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2, nameof(Folds));
        if (!double.IsFinite(StateWeight) || !double.IsFinite(CityWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(StateWeight), "The content bonuses must be finite.");
        }

        ArgumentNullException.ThrowIfNull(Features, nameof(Features));
    }
}
