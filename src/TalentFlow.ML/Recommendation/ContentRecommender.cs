using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation;

/// <summary>A job in the catalog a recommender ranks.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Text">Title and position.</param>
/// <param name="State">State code.</param>
/// <param name="City">City.</param>
public sealed record CatalogJob(string Id, string Text, string State, string City);

/// <summary>What is known of a user: their text (positions of interest, past titles, viewed titles) and places.</summary>
/// <param name="Text">Concatenated text.</param>
/// <param name="States">States of jobs they viewed.</param>
/// <param name="Cities">"City|State" of jobs they viewed.</param>
/// <param name="Seen">Jobs already viewed (never recommended again).</param>
public sealed record UserProfile(string Text, IReadOnlySet<string> States, IReadOnlySet<string> Cities, IReadOnlySet<string> Seen);

/// <summary>How a <see cref="ContentRecommender"/> scores.</summary>
public sealed record ContentRecommenderOptions
{
    /// <summary>
    /// Text similarity: <c>tfidf</c> (cosine of TF-IDF vectors); <c>lsa</c>, <c>subword</c> or <c>embedded</c> (cosine of that
    /// embedded encoder's embeddings; <c>embedded</c> is <see cref="EmbeddedEncoder.DefaultKind"/>); <c>hybrid</c>,
    /// <c>hybrid-lsa</c> or <c>hybrid-subword</c> (the mean of TF-IDF and that encoder's cosine; <c>hybrid</c> uses the default);
    /// <c>encoder</c> or <c>hybrid-encoder</c>: a given, already trained encoder such as MiniLM (the
    /// <see cref="ContentRecommender.Fit(IReadOnlyList{CatalogJob}, IReadOnlyList{string}, ContentRecommenderOptions, IEncoder)"/> overload).
    /// </summary>
    public string Similarity { get; init; } = "tfidf";

    /// <summary>Added when the job is in a state the user viewed jobs in.</summary>
    public double StateWeight { get; init; } = 0.5;

    /// <summary>Added when the job is in a city the user viewed jobs in.</summary>
    public double CityWeight { get; init; } = 0.5;

    /// <summary>The LSA encoder's settings (when the similarity uses LSA).</summary>
    public LsaOptions Lsa { get; init; } = new() { Dimensions = 128, Tfidf = new TfidfOptions { MaxFeatures = 20_000, SublinearTf = true, EnglishStopWords = false } };

    /// <summary>The subword encoder's settings (when the similarity uses it); the same 128 dimensions as <see cref="Lsa"/>.</summary>
    public SubwordOptions Subword { get; init; } = new() { Dimensions = 128 };
}

/// <summary>
/// Content-based job recommendation: text similarity between a user and each job, plus hand-set bonuses for places the
/// user looked before — the protocol of <c>../shared/anchors/content_rec_anchor.py</c> (TF-IDF uni+bigrams, sublinear tf,
/// no stop words), with an embedded encoder (LSA or subword) as an alternative similarity.
/// </summary>
public sealed class ContentRecommender
{
    private readonly ContentRecommenderOptions _options;
    private readonly IReadOnlyList<CatalogJob> _jobs;
    private readonly TfidfModel _tfidf;
    private readonly SparseVector[] _jobVectors;
    private readonly IEncoder? _encoder;
    private readonly float[][]? _jobEmbeddings;
    private readonly string[] _jobCities;

    private ContentRecommender(ContentRecommenderOptions options, IReadOnlyList<CatalogJob> jobs, TfidfModel tfidf, IEncoder? encoder, float[][]? jobEmbeddings)
    {
        _options = options;
        _jobs = jobs;
        _tfidf = tfidf;
        _jobVectors = tfidf.Transform([.. jobs.Select(j => j.Text)]);
        _encoder = encoder;
        _jobEmbeddings = jobEmbeddings;
        _jobCities = [.. jobs.Select(j => j.City + "|" + j.State)];
    }

    /// <summary>Fits the text models on the job texts and the users' texts (no held-out view is in either).</summary>
    public static ContentRecommender Fit(IReadOnlyList<CatalogJob> jobs, IReadOnlyList<string> userTexts, ContentRecommenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(userTexts);
        options ??= new ContentRecommenderOptions();
        if (options.Similarity is "encoder" or "hybrid-encoder") throw new ArgumentException($"Similarity '{options.Similarity}' needs the encoder overload of Fit.", nameof(options));
        var kind = EncoderKind(options.Similarity);
        string[] corpus = [.. jobs.Select(j => j.Text), .. userTexts];
        var tfidf = TfidfVectorizer.Fit(corpus, new TfidfOptions { MaxFeatures = null, NGramMax = 2, SublinearTf = true, EnglishStopWords = false });
        IEmbeddedEncoder? encoder = kind switch
        {
            null => null,
            EmbeddedEncoderKind.Lsa => LsaEncoder.Fit(corpus, options.Lsa),
            _ => SubwordEncoder.Fit(corpus, options.Subword),
        };
        var embeddings = encoder?.EmbedAsync([.. jobs.Select(j => j.Text)]).GetAwaiter().GetResult();
        return new ContentRecommender(options, jobs, tfidf, encoder, embeddings);
    }

    /// <summary>
    /// Fits TF-IDF as the other overload and uses <paramref name="encoder"/> (already trained, e.g. MiniLM; it learns nothing
    /// here) for the embedding similarity: <see cref="ContentRecommenderOptions.Similarity"/> must be <c>encoder</c> or
    /// <c>hybrid-encoder</c>. The catalog is embedded once, now.
    /// </summary>
    public static ContentRecommender Fit(IReadOnlyList<CatalogJob> jobs, IReadOnlyList<string> userTexts, ContentRecommenderOptions options, IEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(userTexts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(encoder);
        if (options.Similarity is not ("encoder" or "hybrid-encoder")) throw new ArgumentException($"A given encoder needs Similarity 'encoder' or 'hybrid-encoder', not '{options.Similarity}'.", nameof(options));
        var tfidf = TfidfVectorizer.Fit([.. jobs.Select(j => j.Text), .. userTexts], new TfidfOptions { MaxFeatures = null, NGramMax = 2, SublinearTf = true, EnglishStopWords = false });
        var embeddings = encoder.EmbedAsync([.. jobs.Select(j => j.Text)]).GetAwaiter().GetResult();
        return new ContentRecommender(options, jobs, tfidf, encoder, embeddings);
    }

    /// <summary>The text encoder in use besides TF-IDF, if any.</summary>
    public IEncoder? Encoder => _encoder;

    /// <summary>The embedded encoder a similarity name asks for, or null for plain TF-IDF.</summary>
    private static EmbeddedEncoderKind? EncoderKind(string similarity) => similarity switch
    {
        "tfidf" => null,
        "lsa" or "hybrid-lsa" => EmbeddedEncoderKind.Lsa,
        "subword" or "hybrid-subword" => EmbeddedEncoderKind.Subword,
        "embedded" or "hybrid" => EmbeddedEncoder.DefaultKind,
        _ => throw new ArgumentException($"Unknown similarity '{similarity}': tfidf, lsa, subword, embedded, hybrid, hybrid-lsa or hybrid-subword."),
    };

    /// <summary>Scores every job for <paramref name="user"/>; seen jobs get −∞.</summary>
    public double[] Score(UserProfile user) => Score(user, null);

    /// <summary>
    /// As <see cref="Score(UserProfile)"/>, with the user's text already embedded by <see cref="Encoder"/> (batching many
    /// users' texts is far faster with a transformer); null embeds it here.
    /// </summary>
    public double[] Score(UserProfile user, float[]? userEmbedding)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (userEmbedding is not null && (_encoder is null || userEmbedding.Length != _encoder.Dimension))
        {
            throw new ArgumentException("The user's embedding does not come from this recommender's encoder.", nameof(userEmbedding));
        }

        var scores = new double[_jobs.Count];
        bool hybrid = _options.Similarity.StartsWith("hybrid", StringComparison.Ordinal);
        bool useTfidf = hybrid || _encoder is null, useEncoder = _encoder is not null;
        double share = hybrid ? 0.5 : 1.0;
        var userVector = useTfidf ? _tfidf.Transform(user.Text) : default;
        if (useEncoder)
        {
            userEmbedding ??= _encoder is IEmbeddedEncoder embedded ? embedded.Embed(user.Text) : _encoder!.EmbedAsync([user.Text]).GetAwaiter().GetResult()[0];
        }

        for (int j = 0; j < _jobs.Count; j++)
        {
            var job = _jobs[j];
            if (user.Seen.Contains(job.Id))
            {
                scores[j] = double.NegativeInfinity;
                continue;
            }
            double s = 0;
            if (useTfidf) s += share * userVector.Dot(_jobVectors[j]);
            if (useEncoder) s += share * TensorPrimitives.Dot(userEmbedding!, _jobEmbeddings![j]);
            if (user.States.Contains(job.State)) s += _options.StateWeight;
            if (user.Cities.Contains(_jobCities[j])) s += _options.CityWeight;
            scores[j] = s;
        }
        return scores;
    }

    /// <summary>0-based rank of job <paramref name="index"/> in <paramref name="scores"/>: how many jobs score strictly higher.</summary>
    public static int RankOf(ReadOnlySpan<double> scores, int index)
    {
        double target = scores[index];
        int rank = 0;
        foreach (double s in scores) if (s > target) rank++;
        return rank;
    }
}
