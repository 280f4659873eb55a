using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <content>Training: examples from the views, the network, and the hybrid weight on validation.</content>
public sealed partial class ConvFmRecommender
{
    /// <summary>
    /// Trains on <paramref name="data"/> (training views only). Every viewed job is a positive with
    /// <see cref="ConvFmRecommenderOptions.NegativesPerPositive"/> unviewed catalog jobs as negatives; users with enough
    /// distinct jobs give their last view to validation (early stopping and the hybrid weight).
    /// </summary>
    public static ConvFmRecommender Train(JobViewsData data, ConvFmRecommenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ConvFmRecommenderOptions();
        options.Validate();
        return Train(new JobViewsFeatures(data, options.Features), options, cancellationToken);
    }

    /// <summary>Trains over existing fields (built with <see cref="ConvFmRecommenderOptions.Features"/>'s settings or others).</summary>
    public static ConvFmRecommender Train(JobViewsFeatures features, ConvFmRecommenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new ConvFmRecommenderOptions();
        options.Validate();
        var data = features.Data;
        var validationJobs = ValidationJobs(features, options.MinJobsForValidation);
        var random = new Random(options.Seed);
        var training = new List<ConvFmExample>();
        var validation = new List<ConvFmExample>();
        foreach (var user in Users(data))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var viewed = features.Viewed(user);
            var held = validationJobs.TryGetValue(user, out var v) ? v : -1;
            foreach (var job in viewed)
            {
                if (job == held)
                {
                    continue;
                }

                // The user as a held-out pair will see them: without this job (and without the validation view).
                var profile = features.Profile(user, held >= 0 ? new HashSet<int> { job, held } : [job]);
                AddPair(features, profile, job, viewed, options, random, training);
            }

            if (held >= 0)
            {
                AddPair(features, features.Profile(user, new HashSet<int> { held }), held, viewed, options, random, validation);
            }
        }

        if (training.Count < 2)
        {
            throw new InvalidDataException("Too few views to train ConvFM (need at least one user with a view).");
        }

        var model = new ConvFmTrainer(options.Model).Train(features.Vocabularies, training, validation.Count > 0 ? validation : null, cancellationToken);
        var recommender = new ConvFmRecommender(features, model, options);
        recommender.ChooseHybridWeight(validationJobs, cancellationToken);
        return recommender;
    }

    private static void AddPair(JobViewsFeatures features, JobViewsUser profile, int job, IReadOnlyList<int> viewed, ConvFmRecommenderOptions options,
        Random random, List<ConvFmExample> into)
    {
        into.Add(new ConvFmExample(features.Input(profile, job), 1f));
        var hard = options.HardNegatives > 0
            ? ContentCandidates.Top(features, profile, options.HardNegativeCandidates, options.StateWeight, options.CityWeight)
            : [];
        for (var k = 0; k < options.NegativesPerPositive; k++)
        {
            var fromTop = k < options.HardNegatives && hard.Length > 0;
            int other;
            var tries = 0;
            do
            {
                other = fromTop ? hard[random.Next(hard.Length)] : random.Next(features.JobCount);
            }
            while (Contains(viewed, other) && ++tries < 100);
            into.Add(new ConvFmExample(features.Input(profile, other), 0f));
        }
    }

    private static bool Contains(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Users in order of their first view (a fixed order, so the negatives depend on the seed only).</summary>
    private static List<string> Users(JobViewsData data)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var users = new List<string>();
        foreach (var view in data.Views)
        {
            if (seen.Add(view.User))
            {
                users.Add(view.User);
            }
        }

        return users;
    }

    /// <summary>Each qualifying user's last viewed job (latest View.Start; later row on ties), as the test split picks.</summary>
    private static Dictionary<string, int> ValidationJobs(JobViewsFeatures features, int minJobs)
    {
        var last = new Dictionary<string, (string Start, int Job)>(StringComparer.Ordinal);
        foreach (var view in features.Data.Views)
        {
            var job = features.Data.JobIndex[view.Job];
            if (!last.TryGetValue(view.User, out var current) || string.CompareOrdinal(view.Start, current.Start) >= 0)
            {
                last[view.User] = (view.Start, job);
            }
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (user, (_, job)) in last)
        {
            if (features.Viewed(user).Count >= minJobs)
            {
                result[user] = job;
            }
        }

        return result;
    }

    private void ChooseHybridWeight(Dictionary<string, int> validationJobs, CancellationToken cancellationToken)
    {
        var weights = Options.HybridWeights;
        if (validationJobs.Count == 0 || weights.Count == 0)
        {
            HybridWeight = weights.Count > 0 ? weights[0] : 0;
            return;
        }

        var n = Features.JobCount;
        var logits = new double[n];
        var content = new double[n];
        var ndcg = new double[weights.Count];
        foreach (var (user, job) in validationJobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScoreParts(Features.Profile(user, new HashSet<int> { job }), logits, content);
            for (var w = 0; w < weights.Count; w++)
            {
                var target = logits[job] + (weights[w] * content[job]);
                var rank = 0;
                for (var j = 0; j < n && rank < 10; j++)
                {
                    if (logits[j] + (weights[w] * content[j]) > target)
                    {
                        rank++;
                    }
                }

                if (rank < 10)
                {
                    ndcg[w] += 1 / Math.Log2(rank + 2);
                }
            }
        }

        var best = 0;
        for (var w = 1; w < weights.Count; w++)
        {
            if (ndcg[w] > ndcg[best])
            {
                best = w;
            }
        }

        HybridWeight = weights[best];
        Model.Metrics["hybrid_weight"] = HybridWeight;
        Model.Metrics["validation_users"] = validationJobs.Count;
        Model.Metrics["validation_ndcg@10_convfm"] = ndcg[Array.IndexOf([.. weights], 0.0) is var z and >= 0 ? z : 0] / validationJobs.Count;
        Model.Metrics["validation_ndcg@10_hybrid"] = ndcg[best] / validationJobs.Count;
    }
}
