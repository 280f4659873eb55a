using System.Diagnostics;
using System.Text.RegularExpressions;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.Benchmarks.ConvFm;

/// <summary>
/// ConvFM training and batched inference speed with <c>../shared/anchors/convfm_anchor.py</c>'s model and batch: id fields
/// (user, job, state, company) and the anchor's skill bags (tokens seen twice, at most 32), embedding 64, 64 filters, deep
/// 128-64-32, batch 256, each view with 4 uniformly drawn negatives. Training samples/s over <c>--epochs</c> epochs after one
/// warm-up epoch; inference µs per prediction when scoring the whole catalog for <c>--users</c> users, as the anchor does
/// for each test user, by the full network (<c>--threads</c> threads) and by the precomputed <see cref="ConvFmScorer"/>
/// (one thread), with the scorer's single-pair latency and 10k-job ranking time (<c>.Inference.cs</c>).
/// </summary>
internal static partial class ConvFmScenario
{
    public static object Run(ScenarioArgs args)
    {
        var dir = args.String("data") ?? throw new ArgumentException("convfm needs --data DIR");
        var threads = args.Int("threads", 2);
        var epochs = args.Int("epochs", 2);
        var users = args.Int("users", 50);
        JobViewsData data;
        try
        {
            data = JobViewsData.Load(dir);
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException(ex.Message);
        }

        var userIds = data.Views.Select(v => v.User).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var uidx = userIds.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i, StringComparer.Ordinal);
        var states = data.Jobs.Select(j => j.State).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var companies = data.Jobs.Select(j => j.Company).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stateId = states.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var companyId = companies.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var (skillNames, bags) = SkillBags(data, userIds, uidx);
        var vocabularies = new ConvFmVocabularies(userIds, data.Jobs.Select((j, i) => $"{i}"), skillNames, states, companies);
        var jobLoc = data.Jobs.Select(j => stateId[j.State]).ToArray();
        var jobComp = data.Jobs.Select(j => companyId[j.Company]).ToArray();

        var random = new Random(20261122);
        var examples = new List<ConvFmExample>();
        foreach (var view in data.Views)
        {
            var u = uidx[view.User];
            var j = data.JobIndex[view.Job];
            examples.Add(new ConvFmExample(new ConvFmInput(u, j, bags[u], jobLoc[j], jobComp[j]), 1f));
            for (var k = 0; k < 4; k++)
            {
                var n = random.Next(data.Jobs.Count);
                examples.Add(new ConvFmExample(new ConvFmInput(u, n, bags[u], jobLoc[n], jobComp[n]), 0f));
            }
        }

        var options = new ConvFmOptions { BatchSize = 256, MaxDegreeOfParallelism = threads, Seed = 20261122 };
        new ConvFmTrainer(options with { Epochs = 1 }).Train(vocabularies, examples);
        var model = new ConvFmTrainer(options with { Epochs = epochs }).Train(vocabularies, examples);
        var trainPerSecond = model.Metrics["samples_per_second"];

        var inputs = new ConvFmInput[data.Jobs.Count];
        var logits = new float[data.Jobs.Count];
        Fill(inputs, 0, bags, jobLoc, jobComp);
        model.PredictLogits(inputs, logits);
        var clock = new Stopwatch();
        long scored = 0;
        for (var u = 0; u < Math.Min(users, userIds.Count); u++)
        {
            Fill(inputs, u, bags, jobLoc, jobComp);
            clock.Start();
            model.PredictLogits(inputs, logits);
            clock.Stop();
            scored += inputs.Length;
        }

        var ranked = Math.Min(users, userIds.Count);
        var result = new Dictionary<string, object>
        {
            ["train_samples_per_s"] = trainPerSecond,
            ["inference_us_per_prediction_full_network"] = Math.Round(clock.Elapsed.TotalMicroseconds / scored, 3),
            ["threads"] = threads,
            ["batch"] = options.BatchSize,
            ["train_examples"] = examples.Count,
            ["epochs"] = epochs,
            ["catalog"] = data.Jobs.Count,
            ["users_ranked"] = ranked,
        };
        foreach (var (key, value) in MeasureScorer(model, inputs, logits, ranked, bags, jobLoc, jobComp, args))
        {
            result[key] = value;
        }

        return result;
    }

    private static void Fill(ConvFmInput[] inputs, int user, int[][] bags, int[] jobLoc, int[] jobComp)
    {
        for (var j = 0; j < inputs.Length; j++)
        {
            inputs[j] = new ConvFmInput(user, j, bags[user], jobLoc[j], jobComp[j]);
        }
    }

    /// <summary>The anchor's skill field: words of positions of interest and past positions, kept if seen twice, ≤ 32 per user.</summary>
    private static (List<string> Names, int[][] Bags) SkillBags(JobViewsData data, List<string> users, Dictionary<string, int> uidx)
    {
        var words = new List<string>[users.Count];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = [];
        }

        foreach (var (user, text) in data.PositionsOfInterest.Concat(data.WorkHistory.Select(w => (w.User, w.Position))))
        {
            if (uidx.TryGetValue(user, out var u))
            {
                words[u].AddRange(Token().Matches(text.ToLowerInvariant()).Select(m => m.Value));
            }
        }

        var counts = words.SelectMany(w => w).CountBy(w => w, StringComparer.Ordinal);
        var names = new List<string> { "<pad>" };
        names.AddRange(counts.Where(p => p.Value >= 2).OrderByDescending(p => p.Value).Select(p => p.Key));
        var ids = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var bags = words.Select(w => w.Where(ids.ContainsKey).Select(t => ids[t]).Take(32).ToArray()).ToArray();
        return (names, bags);
    }

    [GeneratedRegex("[a-z][a-z+#.]*")]
    private static partial Regex Token();
}
