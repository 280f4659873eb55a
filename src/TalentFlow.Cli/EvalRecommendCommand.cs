using System.CommandLine;
using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Recommendation;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval recommend --data DIR --test CSV [--model content|content-embedded|content-lsa|content-subword|content-hybrid[-lsa|-subword]|ranker|convfm|fm|hybrid|popularity] --json</c>: leave-last-out job
/// recommendation on the job-views data (Job_Views.csv, jobs_catalog.csv, Positions_Of_Interest.csv, Experience.csv in DIR;
/// held-out Applicant.ID/Job.ID pairs in CSV, e.g. from <c>eng/ml/make_views_split.py</c>). Ranks the whole catalog minus
/// the jobs each user already viewed and reports HR@10 and NDCG@10 — the protocol of <c>content_rec_anchor.py</c>. The
/// learned models (ranker, convfm, fm, hybrid) and popularity run in <see cref="EvalRecommendLearned"/>.
/// </summary>
internal static class EvalRecommendCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Folder with Job_Views.csv, jobs_catalog.csv, Positions_Of_Interest.csv, Experience.csv.", Required = true };
        var test = new Option<string>("--test") { Description = "CSV of held-out views: Applicant.ID, Job.ID.", Required = true };
        var model = new Option<string>("--model") { Description = "content (TF-IDF), content-embedded (the default embedded encoder), content-lsa, content-subword (that embedded encoder), content-hybrid (TF-IDF + the default embedded encoder), content-hybrid-lsa, content-hybrid-subword, ranker (logistic regression on pair features, rescoring the content top k), convfm, fm (no deep hidden layers), deepfm (no convolution: FM + the deep part on the embeddings), hybrid ((1 − w) · convfm logit + w · ranker logit on the content top k, w in [0, 1] chosen on training users), popularity. The learned ones and popularity also report popularity, content and pair metrics.", DefaultValueFactory = _ => "content" };
        model.AcceptOnlyFromAmong("content", "content-embedded", "content-lsa", "content-subword", "content-hybrid", "content-hybrid-lsa", "content-hybrid-subword", "ranker", "convfm", "fm", "deepfm", "hybrid", "popularity");
        var epochs = new Option<int>("--epochs") { Description = "ConvFM: most epochs (early stopping on validation from the training views).", DefaultValueFactory = _ => 10 };
        var negatives = new Option<int>("--negatives") { Description = "ConvFM: sampled unviewed jobs per view.", DefaultValueFactory = _ => 4 };
        var hardNegatives = new Option<int>("--hard-negatives") { Description = "ConvFM: how many of --negatives come from the content top k (0: all uniform, as the anchor; uniform scored better on validation).", DefaultValueFactory = _ => 0 };
        var candidates = new Option<int>("--candidates") { Description = "Ranker and hybrid: how many of the content ranking's best jobs are rescored (and ConvFM's hard negatives are drawn from).", DefaultValueFactory = _ => 300 };
        var l2 = new Option<double>("--l2") { Description = "Ranker: L2 penalty on the standardised weights (summed log-loss).", DefaultValueFactory = _ => 1.0 };
        var rankerQueries = new Option<int>("--ranker-queries") { Description = "Ranker: training queries per user (1: the last view; n: also the 2nd … n-th latest jobs, each with the views before it).", DefaultValueFactory = _ => 5 };
        var saveRanker = new Option<string?>("--save-ranker") { Description = "Ranker: write the trained ranker's JSON artifact here." };
        var seed = new Option<int>("--seed") { Description = "Seed of ConvFM (initialisation, negatives, shuffling, dropout), the ranker's folds and the sampled pairs.", DefaultValueFactory = _ => 20261122 };
        var stateWeight = new Option<double>("--loc-weight") { Description = "Bonus for a job in a state the user viewed jobs in.", DefaultValueFactory = _ => 0.5 };
        var cityWeight = new Option<double>("--city-weight") { Description = "Bonus for a job in a city the user viewed jobs in.", DefaultValueFactory = _ => 0.5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var encoder = EncoderOptions.Encoder("tfidf", "content and content-hybrid (the similarity, or its half beside TF-IDF) and the learned models (tfidf: the twelve TF-IDF pair features; lsa or minilm: four embedding cosines added to the ranker)");
        var miniLm = EncoderOptions.MiniLmModel();
        var maxWindows = EncoderOptions.MaxWindows();
        var cache = EncoderOptions.EmbeddingCache();
        var command = new Command("recommend", "Evaluate job recommendation, leave-last-out.") { data, test, model, stateWeight, cityWeight, epochs, negatives, hardNegatives, candidates, l2, rankerQueries, saveRanker, seed, encoder, miniLm, maxWindows, cache, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(model) is "ranker" or "convfm" or "fm" or "deepfm" or "hybrid" or "popularity")
            {
                if (parse.GetValue(epochs) < 1 || parse.GetValue(negatives) < 1 || parse.GetValue(candidates) < 2)
                {
                    throw new CliException("--epochs and --negatives must be positive, --candidates at least 2");
                }

                if (parse.GetValue(rankerQueries) < 1)
                {
                    throw new CliException("--ranker-queries must be at least 1");
                }

                if (!(parse.GetValue(l2) >= 0) || double.IsInfinity(parse.GetValue(l2)))
                {
                    throw new CliException("--l2 must be a finite number >= 0");
                }

                if (parse.GetValue(hardNegatives) < 0 || parse.GetValue(hardNegatives) > parse.GetValue(negatives))
                {
                    throw new CliException("--hard-negatives must be between 0 and --negatives");
                }

                var settings = new EvalRecommendSettings(parse.GetValue(epochs), parse.GetValue(negatives), parse.GetValue(hardNegatives),
                    parse.GetValue(candidates), parse.GetValue(l2), parse.GetValue(rankerQueries), parse.GetValue(seed), parse.GetValue(saveRanker), parse.GetValue(json))
                {
                    Encoder = parse.GetValue(encoder)!,
                    MiniLmModel = parse.GetValue(miniLm),
                    MaxWindows = parse.GetValue(maxWindows),
                    EmbeddingCache = parse.GetValue(cache),
                };
                return EvalRecommendLearned.Run(context, parse.GetValue(data)!, parse.GetValue(test)!, parse.GetValue(model)!, settings);
            }

            var watch = Stopwatch.StartNew();
            // The same loader as the learned models (JobViewsData): one reading of the data, one set of checks.
            var views = JobViewsData.Load(parse.GetValue(data)!);
            var jobs = views.Jobs.Select(j => new CatalogJob(j.Id, j.Text, j.State, j.City)).ToList();
            var texts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var states = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var cities = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (user, position) in views.PositionsOfInterest) Add(texts, user, position);
            foreach (var entry in views.WorkHistory) Add(texts, entry.User, entry.Position);
            foreach (var view in views.Views)
            {
                var job = views.Jobs[views.JobIndex[view.Job]];
                Add(texts, view.User, job.Text);
                Add(states, view.User, job.State);
                Add(cities, view.User, job.City + "|" + job.State);
                Add(seen, view.User, job.Id);
            }
            var heldOut = JobViewsData.ReadViews(parse.GetValue(test)!);
            var similarity = Similarity(parse.GetValue(model)!, parse.GetValue(encoder)!);
            var contentOptions = new ContentRecommenderOptions
            {
                Similarity = similarity,
                StateWeight = parse.GetValue(stateWeight),
                CityWeight = parse.GetValue(cityWeight),
            };
            List<string> userTexts = [.. texts.Values.Select(t => string.Join(' ', t))];
            var miniLmEncoder = similarity.EndsWith("encoder", StringComparison.Ordinal)
                ? context.Progress.Run("Loading MiniLM", _ => EncoderOptions.OpenMiniLm(context, parse.GetValue(miniLm), parse.GetValue(maxWindows), parse.GetValue(cache)))
                : null;
            using var release = miniLmEncoder as IDisposable;
            var recommender = context.Progress.Run("Fitting the text models", _ => miniLmEncoder is null
                ? ContentRecommender.Fit(jobs, userTexts, contentOptions)
                : ContentRecommender.Fit(jobs, userTexts, contentOptions, miniLmEncoder));
            string ProfileText(string user) => string.Join(' ', texts.GetValueOrDefault(user) ?? []);
            // A transformer embeds the held-out users' texts in batches, once (and from the cache on a rerun).
            var userEmbeddings = miniLmEncoder is null ? null
                : context.Progress.Run("Embedding the held-out users' texts", _ => EncoderOptions.Embed(miniLmEncoder, [.. heldOut.Select(v => ProfileText(v.User))], CancellationToken.None));
            var index = views.JobIndex;
            double hits = 0, ndcg = 0;
            var empty = new HashSet<string>(StringComparer.Ordinal);
            context.Progress.Run("Ranking the catalog for each held-out view", progress =>
            {
                for (int n = 0; n < heldOut.Count; n++)
                {
                    string user = heldOut[n].User;
                    if (!index.TryGetValue(heldOut[n].Job, out int target)) throw new CliException($"test view names job {heldOut[n].Job}, which jobs_catalog.csv lacks");
                    var profile = new UserProfile(ProfileText(user), states.GetValueOrDefault(user) ?? empty,
                        cities.GetValueOrDefault(user) ?? empty, seen.GetValueOrDefault(user) ?? empty);
                    int rank = ContentRecommender.RankOf(recommender.Score(profile, userEmbeddings?[n]), target);
                    if (rank < 10)
                    {
                        hits++;
                        ndcg += 1 / Math.Log2(rank + 2);
                    }
                    progress.Report((n + 1) / (double)heldOut.Count);
                }
                return 0;
            });
            JsonOutput.Write(context.Stdout,
            [
                new("model", parse.GetValue(model)!),
                new("similarity", similarity),
                new("test_users", heldOut.Count),
                new("hr@10", heldOut.Count == 0 ? 0 : hits / heldOut.Count),
                new("ndcg@10", heldOut.Count == 0 ? 0 : ndcg / heldOut.Count),
                new("encoder", recommender.Encoder?.VersionId ?? "none"),
                new("seconds", watch.Elapsed.TotalSeconds),
            ], parse.GetValue(json));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The content similarity of <c>--model</c> and <c>--encoder</c>: <c>content</c> and <c>content-hybrid</c> follow the encoder
    /// (TF-IDF, LSA, or the given MiniLM: <c>encoder</c> / <c>hybrid-encoder</c>); the other content models name their encoder
    /// themselves and take only <c>--encoder tfidf</c>.
    /// </summary>
    internal static string Similarity(string model, string encoder) => (model, encoder) switch
    {
        ("content", "tfidf") => "tfidf",
        ("content", "lsa") => "lsa",
        ("content", _) => "encoder",
        ("content-hybrid", "lsa") => "hybrid-lsa",
        ("content-hybrid", "minilm") => "hybrid-encoder",
        (_, "tfidf") => model["content-".Length..],
        _ => throw new CliException($"--model {model} names its encoder; use --model content or content-hybrid with --encoder {encoder}"),
    };

    private static void Add<T>(Dictionary<string, T> map, string key, string value) where T : ICollection<string>, new()
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new T();
        list.Add(value);
    }
}
