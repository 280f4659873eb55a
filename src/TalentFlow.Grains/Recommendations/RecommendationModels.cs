using TalentFlow.Grains.Samples;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Recommendations;

/// <summary>
/// The recommender this silo serves: the content model (always; idf fitted on the built-in reference corpus, so every silo
/// computes the same vectors), the learned ranker that re-ranks its top when <see cref="RecommendationOptions.RankerModelPath"/>
/// is set, and a ConvFM model when <see cref="RecommendationOptions.ConvFmModelPath"/> is set.
/// </summary>
public sealed class RecommendationModels
{
    /// <summary>
    /// The model name answers carry when no ranker re-ranks; with one they name its version (<see cref="ServedRanker.Version"/>).
    /// A loaded ConvFM model is not used for scoring (held-out it adds nothing over the ranker).
    /// </summary>
    public const string ContentModelName = "content";

    /// <summary>Builds the models for <paramref name="options"/>.</summary>
    public RecommendationModels(RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Content = ContentModel.Fit(ReferenceCorpus(), new ContentModelOptions { StateWeight = options.StateWeight, CityWeight = options.CityWeight });
        if (options.ConvFmModelPath is { } path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            using var stream = new MemoryStream(bytes, writable: false);
            PublishConvFm("convfm-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12], ConvFmModel.Load(stream));
        }
        if (options.RankerModelPath is { } rankerPath)
        {
            byte[] bytes = File.ReadAllBytes(rankerPath);
            using var stream = new MemoryStream(bytes, writable: false);
            PublishRanker("ranker-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12], LearnedJobRankerModel.Load(stream));
        }
    }

    private volatile ServedRanker? _ranker;

    /// <summary>
    /// The learned ranker the catalog shards re-rank with, or null (content alone). Read once per ranking: a ranking uses one
    /// version from start to end, whatever is published meanwhile.
    /// </summary>
    public ServedRanker? Ranker => _ranker;

    /// <summary>
    /// Swaps in a ranker atomically (start-up's <see cref="RecommendationOptions.RankerModelPath"/>, or the registry's fan-out
    /// of a promoted <c>job_ranker</c> version).
    /// </summary>
    /// <exception cref="ArgumentException">It reads a feature the catalog cannot compute.</exception>
    public void PublishRanker(string version, LearnedJobRankerModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(model);
        _ranker = new ServedRanker(version, model, JobRankingFeatures.Map(model.FeatureNames));
    }

    /// <summary>The options.</summary>
    public RecommendationOptions Options { get; }

    /// <summary>The content model.</summary>
    public ContentModel Content { get; }

    /// <summary>The ConvFM model's name in the registry.</summary>
    public const string ConvFmModelName = "convfm_recommender";

    private volatile ServedConvFm? _convFm;

    /// <summary>The configured or promoted ConvFM model, or null.</summary>
    public ConvFmModel? ConvFm => _convFm?.Model;

    /// <summary>λ of the hybrid (ConvFM logit + λ · content): the artifact's <c>hybrid_weight</c> metric, else 1.</summary>
    public double HybridWeight => _convFm?.HybridWeight ?? 1.0;

    /// <summary>The ConvFM version: the registry's, or <c>convfm-</c> + a hash of the configured file; null without one.</summary>
    public string? ConvFmVersion => _convFm?.Version;

    /// <summary>
    /// Swaps in a ConvFM model atomically (start-up's <see cref="RecommendationOptions.ConvFmModelPath"/>, or the registry's
    /// fan-out of a promoted <c>convfm_recommender</c> version).
    /// </summary>
    public void PublishConvFm(string version, ConvFmModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(model);
        _convFm = new ServedConvFm(version, model, model.Metrics.TryGetValue("hybrid_weight", out var weight) ? weight : 1.0);
    }

    private sealed record ServedConvFm(string Version, ConvFmModel Model, double HybridWeight);


    /// <summary>
    /// The texts the built-in idf table is fitted on: the sample postings' titles and the sample users' texts. Fixed, so that
    /// the same title gets the same vector on every silo and across restarts; unknown terms weigh as the rarest.
    /// </summary>
    public static IEnumerable<string> ReferenceCorpus() =>
        SampleCorpus.Jobs().Concat(SampleUsers.Jobs()).Select(j => j.Posting.Title).Concat(SampleUsers.Texts());
}

/// <summary>A learned ranker as served: its version, the model and its features mapped onto the catalog's.</summary>
/// <param name="Version">The version answers name.</param>
/// <param name="Model">The ranker.</param>
/// <param name="Features">Its features as indices into <see cref="JobRankingFeatures.Names"/>.</param>
public sealed record ServedRanker(string Version, LearnedJobRankerModel Model, int[] Features);
