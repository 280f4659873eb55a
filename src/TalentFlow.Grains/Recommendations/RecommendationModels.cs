using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains;

/// <summary>
/// The recommender this silo serves: the content model (always; idf fitted on the built-in reference corpus, so every silo
/// computes the same vectors), the learned ranker that re-ranks its top when <see cref="RecommendationOptions.RankerModelPath"/>
/// is set, and a ConvFM model when <see cref="RecommendationOptions.ConvFmModelPath"/> is set.
/// </summary>
public sealed class RecommendationModels
{
    /// <summary>The name of the content model in answers.</summary>
    public const string ContentModelName = "content";

    /// <summary>Builds the models for <paramref name="options"/>.</summary>
    public RecommendationModels(RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Content = ContentModel.Fit(ReferenceCorpus(), new ContentModelOptions { StateWeight = options.StateWeight, CityWeight = options.CityWeight });
        if (options.ConvFmModelPath is { } path)
        {
            using var stream = File.OpenRead(path);
            ConvFm = ConvFmModel.Load(stream);
            HybridWeight = ConvFm.Metrics.TryGetValue("hybrid_weight", out var weight) ? weight : 1.0;
            ConvFmVersion = "convfm-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..12];
        }
        if (options.RankerModelPath is { } rankerPath)
        {
            byte[] bytes = File.ReadAllBytes(rankerPath);
            using var stream = new MemoryStream(bytes, writable: false);
            Ranker = LearnedJobRankerModel.Load(stream);
            RankerFeatures = JobRankingFeatures.Map(Ranker.FeatureNames);
            Name = "ranker-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
        }
    }

    /// <summary>The learned ranker the catalog shards re-rank with, or null (content alone).</summary>
    public LearnedJobRankerModel? Ranker { get; }

    /// <summary>The ranker's features as indices into <see cref="JobRankingFeatures.Names"/>; empty without a ranker.</summary>
    public int[] RankerFeatures { get; } = [];

    /// <summary>The options.</summary>
    public RecommendationOptions Options { get; }

    /// <summary>The content model.</summary>
    public ContentModel Content { get; }

    /// <summary>The configured ConvFM model, or null.</summary>
    public ConvFmModel? ConvFm { get; }

    /// <summary>λ of the hybrid (ConvFM logit + λ · content).</summary>
    public double HybridWeight { get; }

    /// <summary>The ConvFM artifact's version (a hash of its bytes), or null.</summary>
    public string? ConvFmVersion { get; }

    /// <summary>
    /// The model name answers carry: <c>ranker-</c> and a hash of the artifact when a learned ranker re-ranks, else
    /// <c>content</c>. A loaded ConvFM model is not used for scoring (held-out evaluation found it adds nothing over the
    /// ranker), and an answer must name the model that actually ranked it.
    /// </summary>
    public string Name { get; } = ContentModelName;

    /// <summary>
    /// The texts the built-in idf table is fitted on: the sample postings' titles and the sample users' texts. Fixed, so that
    /// the same title gets the same vector on every silo and across restarts; unknown terms weigh as the rarest.
    /// </summary>
    public static IEnumerable<string> ReferenceCorpus() =>
        SampleCorpus.Jobs().Concat(SampleUsers.Jobs()).Select(j => j.Posting.Title).Concat(SampleUsers.Texts());
}
