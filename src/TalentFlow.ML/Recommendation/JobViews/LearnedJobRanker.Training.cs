namespace TalentFlow.ML.Recommendation.JobViews;

/// <content>Training: the inner leave-last-out examples, cross-fitted validation and the final fit.</content>
public sealed partial class LearnedJobRanker
{
    /// <summary>Trains on <paramref name="data"/> (training views only).</summary>
    public static LearnedJobRanker Train(JobViewsData data, LearnedJobRankerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LearnedJobRankerOptions();
        options.Validate();
        return Train(new JobViewsPairFeatures(new JobViewsFeatures(data, options.Features)), options, cancellationToken);
    }

    /// <summary>
    /// Trains over existing features. Each user with at least <see cref="LearnedJobRankerOptions.MinJobsForTraining"/>
    /// distinct jobs gives a query: the last view (by View.Start) is the positive, the user is seen without any view of that
    /// job, and the content ranking's top k of that user (seen jobs excluded) are the candidates — every other candidate is
    /// a negative. Throws <see cref="InvalidDataException"/> when no positive lands among the candidates.
    /// </summary>
    public static LearnedJobRanker Train(JobViewsPairFeatures pairFeatures, LearnedJobRankerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairFeatures);
        options ??= new LearnedJobRankerOptions();
        options.Validate();
        var d = pairFeatures.FeatureCount;
        var features = pairFeatures.Features;
        var queries = new List<Query>();
        var x = new List<float>();
        var y = new List<bool>();
        Span<float> row = stackalloc float[d];
        var users = TrainingUsers(features, options.MinJobsForTraining);
        for (var u = 0; u < users.Count; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var latestFirst = DistinctLatestFirst(features.Timeline(users[u]));
            var excluded = new HashSet<int>();
            for (var q = 0; q < options.QueriesPerUser && latestFirst.Count - q >= options.MinJobsForTraining; q++)
            {
                // The q-th latest job is the target; it and every later one are left out, so the profile is the past.
                var target = latestFirst[q];
                excluded.Add(target);
                var profile = pairFeatures.Profile(users[u], excluded);
                var candidates = ContentCandidates.Top(features, profile.User, options.Candidates, options.StateWeight, options.CityWeight);
                queries.Add(new Query(users[u], u, q == 0, target, candidates, y.Count));
                foreach (var job in candidates)
                {
                    pairFeatures.Compute(profile, job, row);
                    for (var f = 0; f < d; f++)
                    {
                        x.Add(row[f]);
                    }

                    y.Add(job == target);
                }
            }
        }

        var positives = 0;
        foreach (var label in y)
        {
            positives += label ? 1 : 0;
        }

        if (positives == 0)
        {
            throw new InvalidDataException($"No training user's last view is among their top {options.Candidates} content candidates; nothing to learn from.");
        }

        var xs = x.ToArray();
        var ys = y.ToArray();
        var folds = AssignFolds(queries, users.Count, options.Folds, options.Seed);
        var oof = new double[ys.Length];
        for (var fold = 0; fold < options.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Rows(queries, folds, fold, exclude: true, ys.Length);
            if (rows.Count == 0)
            {
                continue;
            }

            var fit = LogisticRegressionNewton.Train(xs, ys, d, rows, options.L2, options.MaxIterations, options.Tolerance);
            var model = ToModel(pairFeatures.FeatureNames, fit, options, null);
            foreach (var r in Rows(queries, folds, fold, exclude: false, ys.Length))
            {
                oof[r] = model.Logit(xs.AsSpan(r * d, d));
            }
        }

        var all = new int[ys.Length];
        for (var r = 0; r < all.Length; r++)
        {
            all[r] = r;
        }

        var final = LogisticRegressionNewton.Train(xs, ys, d, all, options.L2, options.MaxIterations, options.Tolerance);
        var validation = new List<JobRankerQuery>(users.Count);
        foreach (var (user, _, primary, target, candidates, first) in queries)
        {
            if (primary)
            {
                validation.Add(new JobRankerQuery(user, target, candidates, oof[first..(first + candidates.Length)]));
            }
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["training_queries"] = queries.Count,
            ["training_pairs"] = ys.Length,
            ["training_positives"] = positives,
            ["training_users"] = users.Count,
            ["candidate_recall"] = (double)positives / queries.Count,
            ["newton_iterations"] = final.Iterations,
            ["train_loss"] = final.MeanLoss,
        };
        AddValidationMetrics(validation, metrics);
        return new LearnedJobRanker(pairFeatures, ToModel(pairFeatures.FeatureNames, final, options, metrics), validation);
    }

    private static LearnedJobRankerModel ToModel(IReadOnlyList<string> names, LogisticRegressionNewton.Fit fit, LearnedJobRankerOptions options, Dictionary<string, double>? metrics) =>
        new(names, fit.Means, fit.Scales, fit.Weights, fit.Bias, options.Candidates, options.StateWeight, options.CityWeight, metrics);

    /// <summary>Cross-fitted HR@10 and NDCG@10 of the ranker and of the content order on the same queries.</summary>
    private static void AddValidationMetrics(List<JobRankerQuery> validation, Dictionary<string, double> metrics)
    {
        double hits = 0, ndcg = 0, contentHits = 0, contentNdcg = 0;
        foreach (var query in validation)
        {
            var rank = RankOf(query.Candidates, query.Logits, query.Target);
            var contentRank = Array.IndexOf(query.Candidates, query.Target);
            if (rank is >= 0 and < 10)
            {
                hits++;
                ndcg += 1 / Math.Log2(rank + 2);
            }

            if (contentRank is >= 0 and < 10)
            {
                contentHits++;
                contentNdcg += 1 / Math.Log2(contentRank + 2);
            }
        }

        var n = Math.Max(1, validation.Count);
        metrics["cv_hr@10"] = hits / n;
        metrics["cv_ndcg@10"] = ndcg / n;
        metrics["cv_content_hr@10"] = contentHits / n;
        metrics["cv_content_ndcg@10"] = contentNdcg / n;
    }

    /// <summary>Users with enough distinct jobs, in ordinal order (a fixed order, so folds depend on the seed only).</summary>
    private static List<string> TrainingUsers(JobViewsFeatures features, int minJobs)
    {
        var users = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var view in features.Data.Views)
        {
            users.Add(view.User);
        }

        var result = new List<string>();
        foreach (var user in users)
        {
            if (features.Viewed(user).Count >= minJobs)
            {
                result.Add(user);
            }
        }

        return result;
    }

    /// <summary>Folds by user (all of a user's queries in one fold), users shuffled by the seed.</summary>
    private static int[] AssignFolds(List<Query> queries, int users, int folds, int seed)
    {
        var order = new int[users];
        for (var i = 0; i < users; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        var userFold = new int[users];
        for (var i = 0; i < users; i++)
        {
            userFold[order[i]] = i % folds;
        }

        var fold = new int[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            fold[q] = userFold[queries[q].UserIndex];
        }

        return fold;
    }

    /// <summary>The user's distinct jobs, latest view first (a job counts at its latest view).</summary>
    private static List<int> DistinctLatestFirst(IReadOnlyList<int> timeline)
    {
        var seen = new HashSet<int>();
        var result = new List<int>();
        for (var i = timeline.Count - 1; i >= 0; i--)
        {
            if (seen.Add(timeline[i]))
            {
                result.Add(timeline[i]);
            }
        }

        return result;
    }

    private static List<int> Rows(List<Query> queries, int[] folds, int fold, bool exclude, int total)
    {
        var rows = new List<int>(total);
        for (var q = 0; q < queries.Count; q++)
        {
            if ((folds[q] == fold) != exclude)
            {
                for (var r = 0; r < queries[q].Candidates.Length; r++)
                {
                    rows.Add(queries[q].FirstRow + r);
                }
            }
        }

        return rows;
    }

    private readonly record struct Query(string User, int UserIndex, bool Primary, int Target, int[] Candidates, int FirstRow);
}
