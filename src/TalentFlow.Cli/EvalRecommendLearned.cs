using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.Cli;

/// <summary>Settings of the learned models of <c>eval recommend</c>.</summary>
internal sealed record EvalRecommendSettings(int Epochs, int Negatives, int HardNegatives, int Candidates, double L2, int RankerQueries, int Seed, string? SaveRanker, bool Json)
{
    /// <summary><c>--encoder</c>: tfidf (the twelve pair features), lsa or minilm (four embedding cosines added).</summary>
    public string Encoder { get; init; } = "tfidf";

    public string? MiniLmModel { get; init; }

    public int MaxWindows { get; init; } = 4;

    public string? EmbeddingCache { get; init; }
}

/// <summary>
/// The learned and baseline models of <c>eval recommend</c> (ranker, convfm, fm, deepfm, hybrid, popularity): trains on DIR's views
/// only, then ranks for every held-out view with every model in the same run, so the chosen model's numbers sit beside
/// content and popularity. The ranker and the hybrid rescore the content top k (a job outside it is a miss); popularity,
/// content and ConvFM rank the whole catalog minus the user's seen jobs (<c>convfm_rerank</c>: ConvFM on the top k).
/// Held-out users with no training views are also reported on their own (<c>cold_start_*</c>).
/// </summary>
internal static class EvalRecommendLearned
{
    private const int SampledNegatives = 4;

    public static int Run(CliContext context, string dir, string testPath, string model, EvalRecommendSettings settings)
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

        var features = new JobViewsFeatures(data);
        var fields = new List<KeyValuePair<string, object>> { new("model", model) };
        var rankerOptions = new LearnedJobRankerOptions { Candidates = settings.Candidates, L2 = settings.L2, QueriesPerUser = settings.RankerQueries, Seed = settings.Seed };
        var step = Stopwatch.StartNew();
        var embeddings = model == "popularity" ? null : Embeddings(context, features, settings);
        if (embeddings is not null) fields.Add(new("encoder", embeddings.VersionId));
        fields.Add(new("embedding_seconds", step.Elapsed.TotalSeconds));
        step.Restart();
        var ranker = model == "popularity" ? null : context.Progress.Run("Training the learned ranker", _ => TrainRanker(features, embeddings, rankerOptions));
        fields.Add(new("ranker_training_seconds", step.Elapsed.TotalSeconds));
        step.Restart();
        var convFm = model is "convfm" or "fm" or "deepfm" or "hybrid"
            ? context.Progress.Run("Training ConvFM on the training views", _ => ConvFmRecommender.Train(features, ConvFmOptions(model, settings)))
            : null;
        var choice = convFm is null ? default : ConvFmRankerHybrid.ChooseWeight(convFm, ranker!);
        fields.Add(new("convfm_training_seconds", step.Elapsed.TotalSeconds));

        var popularity = new double[features.JobCount];
        foreach (var view in data.Views)
        {
            popularity[data.JobIndex[view.Job]]++;
        }

        var net = model is "fm" or "deepfm" ? model : "convfm";
        List<string> names = ["popularity", "content"];
        List<bool> probabilities = [false, false];
        if (ranker is not null)
        {
            names.Add("ranker");
            probabilities.Add(true);
        }

        if (convFm is not null)
        {
            names.AddRange([net, $"{net}_rerank", net == "convfm" ? "hybrid" : net + "_hybrid"]);
            probabilities.AddRange([true, true, true]);
        }

        var results = new EvalRecommendScores(names, probabilities);
        var random = new Random(settings.Seed);
        step.Restart();
        context.Progress.Run("Ranking for each held-out view", progress =>
        {
            var scorer = new EvalRecommendUserScorer(features, popularity, ranker, convFm, choice.Weight, settings.Candidates);
            for (var n = 0; n < heldOut.Count; n++)
            {
                scorer.Score(heldOut[n].User, data.JobIndex[heldOut[n].Job], results, random, SampledNegatives);
                progress.Report((n + 1) / (double)heldOut.Count);
            }

            return 0;
        });
        fields.Add(new("ranking_seconds", step.Elapsed.TotalSeconds));
        fields.Add(new("test_users", results.Users));
        fields.Add(new("catalog", features.JobCount));
        fields.Add(new("train_views", data.Views.Count));
        fields.Add(new("candidates", settings.Candidates));
        results.WriteTo(fields, model);
        if (ranker is not null)
        {
            AddRankerFields(fields, ranker);
            if (settings.SaveRanker is { } path)
            {
                using var stream = File.Create(path);
                ranker.Model.Save(stream);
            }
        }

        if (convFm is not null)
        {
            fields.Add(new("hybrid_weight", choice.Weight));
            fields.Add(new("hybrid_validation_ndcg@10", choice.HybridNdcg));
            fields.Add(new($"{net}_validation_ndcg@10", choice.ConvFmNdcg));
            fields.Add(new("ranker_validation_ndcg@10", choice.RankerNdcg));
            foreach (var (key, value) in convFm.Model.Metrics)
            {
                fields.Add(new($"{net}_{key}", value));
            }
        }

        fields.Add(new("seconds", watch.Elapsed.TotalSeconds));
        JsonOutput.Write(context.Stdout, fields, settings.Json);
        return 0;
    }

    /// <summary>
    /// The ranker's embedding side for <c>--encoder lsa|minilm</c> (null for tfidf): every catalog job's text and every user's
    /// own words, embedded once. LSA is fitted on the same training-side texts as the TF-IDF model (catalog and users' own
    /// words; no held-out view is in them); MiniLM is used as it is, through the on-disk cache.
    /// </summary>
    internal static JobViewsEmbeddings? Embeddings(CliContext context, JobViewsFeatures features, EvalRecommendSettings settings)
    {
        if (settings.Encoder == "tfidf") return null;
        var (jobs, interests) = JobViewsEmbeddings.Texts(features);
        List<string> texts = [.. jobs, .. interests.Select(i => i.Text)];
        TalentFlow.ML.Encoders.IEncoder encoder = settings.Encoder == "minilm"
            ? context.Progress.Run("Loading MiniLM", _ => EncoderOptions.OpenMiniLm(context, settings.MiniLmModel, settings.MaxWindows, settings.EmbeddingCache))
            : context.Progress.Run("Fitting LSA on the catalog and users' words", _ => TalentFlow.ML.Semantic.LsaEncoder.Fit(texts,
                new TalentFlow.ML.Semantic.LsaOptions { Dimensions = 128, Tfidf = new TalentFlow.ML.Tfidf.TfidfOptions { MaxFeatures = 20_000, SublinearTf = true, EnglishStopWords = false }, Seed = settings.Seed }));
        try
        {
            var vectors = context.Progress.Run($"Embedding {texts.Count} texts ({settings.Encoder})", _ => EncoderOptions.Embed(encoder, texts, CancellationToken.None));
            var byUser = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var i = 0; i < interests.Count; i++) byUser[interests[i].User] = vectors[jobs.Count + i];
            return new JobViewsEmbeddings(encoder.VersionId, encoder.Dimension, vectors[..jobs.Count], byUser);
        }
        finally
        {
            (encoder as IDisposable)?.Dispose();
        }
    }

    private static LearnedJobRanker TrainRanker(JobViewsFeatures features, JobViewsEmbeddings? embeddings, LearnedJobRankerOptions options)
    {
        try
        {
            return LearnedJobRanker.Train(new JobViewsPairFeatures(features, embeddings), options);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static ConvFmRecommenderOptions ConvFmOptions(string model, EvalRecommendSettings settings)
    {
        var baseOptions = new ConvFmRecommenderOptions();
        return baseOptions with
        {
            Seed = settings.Seed,
            NegativesPerPositive = settings.Negatives,
            HardNegatives = settings.HardNegatives,
            HardNegativeCandidates = settings.Candidates,

            // The content-λ hybrid of the first version is not reported any more: its choice ranked the whole catalog
            // with ConvFM for every validation user, the slowest part of a run.
            HybridWeights = [],
            Model = baseOptions.Model with { Epochs = settings.Epochs, Seed = settings.Seed, HiddenUnits = model == "fm" ? [] : baseOptions.Model.HiddenUnits, ConvFilters = model == "deepfm" ? 0 : baseOptions.Model.ConvFilters },
        };
    }

    private static void AddRankerFields(List<KeyValuePair<string, object>> fields, LearnedJobRanker ranker)
    {
        foreach (var (key, value) in ranker.Model.Metrics)
        {
            fields.Add(new($"ranker_{key}", value));
        }

        for (var f = 0; f < ranker.Model.FeatureNames.Count; f++)
        {
            fields.Add(new($"ranker_weight_{ranker.Model.FeatureNames[f]}", ranker.Model.Weights[f]));
        }

        fields.Add(new("ranker_bias", ranker.Model.Bias));
    }
}
