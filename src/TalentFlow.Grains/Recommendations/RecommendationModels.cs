using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains;

/// <summary>
/// The recommender this silo serves: the content model (always; idf fitted on the built-in reference corpus, so every silo
/// computes the same vectors), and a ConvFM model when <see cref="RecommendationOptions.ConvFmModelPath"/> is set.
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
    }

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
    /// The model name answers carry. Always <c>content</c> for now: a loaded ConvFM model is not yet used for scoring (the shards'
    /// job-side ConvFM precomputation is still to do), and an answer must name the model that actually ranked it.
    /// </summary>
    public string Name { get; } = ContentModelName;

    /// <summary>
    /// The texts the built-in idf table is fitted on: the sample postings' titles and the sample users' texts. Fixed, so that
    /// the same title gets the same vector on every silo and across restarts; unknown terms weigh as the rarest.
    /// </summary>
    public static IEnumerable<string> ReferenceCorpus() =>
        SampleCorpus.Jobs().Concat(SampleUsers.Jobs()).Select(j => j.Posting.Title).Concat(SampleUsers.Texts());
}
