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
    /// <summary>Text similarity: <c>tfidf</c> (cosine of TF-IDF vectors), <c>lsa</c> (cosine of LSA embeddings), or <c>hybrid</c> (their mean).</summary>
    public string Similarity { get; init; } = "tfidf";

    /// <summary>Added when the job is in a state the user viewed jobs in.</summary>
    public double StateWeight { get; init; } = 0.5;

    /// <summary>Added when the job is in a city the user viewed jobs in.</summary>
    public double CityWeight { get; init; } = 0.5;

    /// <summary>The LSA encoder's settings (for <c>lsa</c> and <c>hybrid</c>).</summary>
    public LsaOptions Lsa { get; init; } = new() { Dimensions = 128, Tfidf = new TfidfOptions { MaxFeatures = 20_000, SublinearTf = true, EnglishStopWords = false } };
}

/// <summary>
/// Content-based job recommendation: text similarity between a user and each job, plus hand-set bonuses for places the
/// user looked before — the protocol of <c>../shared/anchors/content_rec_anchor.py</c> (TF-IDF uni+bigrams, sublinear tf,
/// no stop words), with the embedded LSA encoder as an alternative similarity.
/// </summary>
public sealed class ContentRecommender
{
    private readonly ContentRecommenderOptions _options;
    private readonly IReadOnlyList<CatalogJob> _jobs;
    private readonly TfidfModel _tfidf;
    private readonly SparseVector[] _jobVectors;
    private readonly LsaEncoder? _lsa;
    private readonly float[][]? _jobEmbeddings;
    private readonly string[] _jobCities;

    private ContentRecommender(ContentRecommenderOptions options, IReadOnlyList<CatalogJob> jobs, TfidfModel tfidf, LsaEncoder? lsa, float[][]? jobEmbeddings)
    {
        _options = options;
        _jobs = jobs;
        _tfidf = tfidf;
        _jobVectors = tfidf.Transform([.. jobs.Select(j => j.Text)]);
        _lsa = lsa;
        _jobEmbeddings = jobEmbeddings;
        _jobCities = [.. jobs.Select(j => j.City + "|" + j.State)];
    }

    /// <summary>Fits the text models on the job texts and the users' texts (no held-out view is in either).</summary>
    public static ContentRecommender Fit(IReadOnlyList<CatalogJob> jobs, IReadOnlyList<string> userTexts, ContentRecommenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(userTexts);
        options ??= new ContentRecommenderOptions();
        if (options.Similarity is not ("tfidf" or "lsa" or "hybrid")) throw new ArgumentException($"Unknown similarity '{options.Similarity}': tfidf, lsa or hybrid.");
        string[] corpus = [.. jobs.Select(j => j.Text), .. userTexts];
        var tfidf = TfidfVectorizer.Fit(corpus, new TfidfOptions { MaxFeatures = null, NGramMax = 2, SublinearTf = true, EnglishStopWords = false });
        LsaEncoder? lsa = null;
        float[][]? embeddings = null;
        if (options.Similarity != "tfidf")
        {
            lsa = LsaEncoder.Fit(corpus, options.Lsa);
            embeddings = lsa.EmbedAsync([.. jobs.Select(j => j.Text)]).GetAwaiter().GetResult();
        }
        return new ContentRecommender(options, jobs, tfidf, lsa, embeddings);
    }

    /// <summary>The text encoder in use besides TF-IDF, if any.</summary>
    public IEncoder? Encoder => _lsa;

    /// <summary>Scores every job for <paramref name="user"/>; seen jobs get −∞.</summary>
    public double[] Score(UserProfile user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scores = new double[_jobs.Count];
        bool useTfidf = _options.Similarity is "tfidf" or "hybrid", useLsa = _options.Similarity is "lsa" or "hybrid";
        double share = _options.Similarity == "hybrid" ? 0.5 : 1.0;
        var userVector = useTfidf ? _tfidf.Transform(user.Text) : default;
        var userEmbedding = useLsa ? _lsa!.Embed(user.Text) : null;
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
            if (useLsa) s += share * TensorPrimitives.Dot(userEmbedding!, _jobEmbeddings![j]);
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
