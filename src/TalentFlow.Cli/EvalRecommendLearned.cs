using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.Cli;

/// <summary>
/// The learned and baseline models of <c>eval recommend</c> (convfm, fm, hybrid, popularity): trains on DIR's views only,
/// then ranks the whole catalog minus each held-out user's seen jobs for every model in the same run, so the chosen model's
/// numbers sit beside content and popularity. Held-out users with no training views are also reported on their own.
/// </summary>
internal static class EvalRecommendLearned
{
    public static int Run(CliContext context, string dir, string testPath, string model, int epochs, int negatives, int seed, bool json)
    {
        var watch = Stopwatch.StartNew();
        JobViewsData data;
        List<JobView> heldOut;
        try
        {
            data = JobViewsData.Load(dir);
            heldOut = JobViewsData.ReadViews(testPath);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message);
        }

        foreach (var view in heldOut)
        {
            if (!data.JobIndex.ContainsKey(view.Job))
            {
                throw new CliException($"test view names job {view.Job}, which jobs_catalog.csv lacks");
            }
        }

        var baseOptions = new ConvFmRecommenderOptions();
        var options = baseOptions with
        {
            Seed = seed,
            NegativesPerPositive = negatives,
            Model = baseOptions.Model with { Epochs = epochs, Seed = seed, HiddenUnits = model == "fm" ? [] : baseOptions.Model.HiddenUnits },
        };
        ConvFmRecommender? recommender = model == "popularity"
            ? null
            : context.Progress.Run("Training ConvFM on the training views", _ => ConvFmRecommender.Train(data, options));
        var features = recommender?.Features ?? new JobViewsFeatures(data, options.Features);

        var popularity = new double[features.JobCount];
        foreach (var view in data.Views)
        {
            popularity[data.JobIndex[view.Job]]++;
        }

        // Columns: popularity, content, then the learned model and its hybrid when trained.
        string[] names = recommender is null ? ["popularity", "content"] : ["popularity", "content", model == "fm" ? "fm" : "convfm", model == "fm" ? "fm_hybrid" : "hybrid"];
        var all = new RankingMetrics(names.Length);
        var cold = new RankingMetrics(names.Length);
        var logits = new double[features.JobCount];
        var content = new double[features.JobCount];
        var scores = new double[features.JobCount];
        context.Progress.Run("Ranking the catalog for each held-out view", progress =>
        {
            for (var n = 0; n < heldOut.Count; n++)
            {
                var user = features.Profile(heldOut[n].User);
                var target = data.JobIndex[heldOut[n].Job];
                var metrics = user.IsCold ? [all, cold] : new[] { all };
                popularity.CopyTo(scores, 0);
                foreach (var j in user.Seen)
                {
                    scores[j] = double.NegativeInfinity;
                }

                Add(metrics, 0, scores, target);
                if (recommender is null)
                {
                    for (var j = 0; j < content.Length; j++)
                    {
                        content[j] = features.ContentScore(user, j, options.StateWeight, options.CityWeight);
                    }

                    foreach (var j in user.Seen)
                    {
                        content[j] = double.NegativeInfinity;
                    }

                    Add(metrics, 1, content, target);
                }
                else
                {
                    recommender.ScoreParts(user, logits, content);
                    Add(metrics, 1, content, target);
                    Add(metrics, 2, logits, target);
                    for (var j = 0; j < scores.Length; j++)
                    {
                        scores[j] = logits[j] + (recommender.HybridWeight * content[j]);
                    }

                    Add(metrics, 3, scores, target);
                }

                progress.Report((n + 1) / (double)heldOut.Count);
            }

            return 0;
        });

        var main = Array.IndexOf(names, model);
        var fields = new List<KeyValuePair<string, object>>
        {
            new("model", model),
            new("hr@10", all.HitRate(main)),
            new("ndcg@10", all.Ndcg(main)),
            new("test_users", all.Users),
            new("catalog", features.JobCount),
            new("train_views", data.Views.Count),
            new("cold_start_users", cold.Users),
            new("cold_start_hr@10", cold.HitRate(main)),
            new("cold_start_ndcg@10", cold.Ndcg(main)),
        };
        for (var m = 0; m < names.Length; m++)
        {
            fields.Add(new($"{names[m]}_hr@10", all.HitRate(m)));
            fields.Add(new($"{names[m]}_ndcg@10", all.Ndcg(m)));
            fields.Add(new($"{names[m]}_cold_start_hr@10", cold.HitRate(m)));
        }

        if (recommender is not null)
        {
            foreach (var (key, value) in recommender.Model.Metrics)
            {
                fields.Add(new(key, value));
            }
        }

        fields.Add(new("seconds", watch.Elapsed.TotalSeconds));
        JsonOutput.Write(context.Stdout, fields, json);
        return 0;
    }

    private static void Add(RankingMetrics[] metrics, int model, double[] scores, int target)
    {
        var rank = RankOf(scores, target);
        foreach (var m in metrics)
        {
            m.Add(model, rank);
        }
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

    /// <summary>HR@10 and NDCG@10 sums per model.</summary>
    private sealed class RankingMetrics(int models)
    {
        private readonly double[] _hits = new double[models];
        private readonly double[] _ndcg = new double[models];
        private readonly int[] _count = new int[models];

        public int Users => _count.Length > 0 ? _count[0] : 0;

        public void Add(int model, int rank)
        {
            _count[model]++;
            if (rank < 10)
            {
                _hits[model]++;
                _ndcg[model] += 1 / Math.Log2(rank + 2);
            }
        }

        public double HitRate(int model) => _count[model] == 0 ? 0 : _hits[model] / _count[model];

        public double Ndcg(int model) => _count[model] == 0 ? 0 : _ndcg[model] / _count[model];
    }
}
