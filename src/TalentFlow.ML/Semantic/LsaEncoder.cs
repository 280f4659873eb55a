using System.Numerics.Tensors;
using System.Security.Cryptography;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// The embedded default encoder: latent semantic analysis — TF-IDF, then a truncated SVD fitted on the user's own corpus
/// (resumes and job descriptions), so it needs no download. A text's embedding is its TF-IDF vector projected on the top
/// right singular vectors, L2-normalised; terms that co-occur across the corpus land near each other, which plain TF-IDF
/// cosine cannot see ("k8s" beside "kubernetes" once both appear in similar documents).
/// </summary>
public sealed partial class LsaEncoder : IEmbeddedEncoder
{
    private readonly TfidfModel _tfidf;
    private readonly float[] _projection; // terms × dimensions, row-major: one row per term

    private readonly double[] _singularValues;

    private LsaEncoder(LsaOptions options, TfidfModel tfidf, float[] projection, int dimensions, double[] singularValues)
    {
        Options = options;
        _tfidf = tfidf;
        _projection = projection;
        Dimension = dimensions;
        _singularValues = singularValues;
        VersionId = Version(projection, tfidf);
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string VersionId { get; }

    /// <inheritdoc />
    public EmbeddedEncoderKind Kind => EmbeddedEncoderKind.Lsa;

    /// <summary>The settings it was fitted with.</summary>
    public LsaOptions Options { get; }

    /// <summary>The singular values kept, largest first (how much of the corpus each dimension explains).</summary>
    public IReadOnlyList<double> SingularValues => _singularValues;

    /// <summary>Fits on <paramref name="documents"/>; deterministic for <see cref="LsaOptions.Seed"/>.</summary>
    public static LsaEncoder Fit(IReadOnlyList<string> documents, LsaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new LsaOptions();
        options.Validate(documents.Count);
        var tfidf = TfidfVectorizer.Fit(documents, options.Tfidf);
        int terms = tfidf.Terms.Count;
        if (terms < 2) throw new ArgumentException("The documents hold fewer than two distinct terms; LSA has nothing to learn.");
        var rows = tfidf.Transform(documents);
        var (components, singular) = RandomizedSvd.Fit(rows, terms, options.Dimensions, options.Oversampling, options.PowerIterations, options.Seed);
        int dimensions = singular.Length;

        // Stored transposed (term-major), so embedding a sparse text touches one contiguous row per term.
        var projection = new float[terms * dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            for (int t = 0; t < terms; t++) projection[t * dimensions + d] = components[d * terms + t];
        }
        return new LsaEncoder(options, tfidf, projection, dimensions, singular);
    }

    /// <inheritdoc />
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new float[Dimension];
        Embed(_tfidf.Transform(text), result);
        return result;
    }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // Checked before the parallel loop, which would wrap the error in an AggregateException.
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null) throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts));
        }

        var result = new float[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => result[i] = Embed(texts[i]));
        return Task.FromResult(result);
    }

    private void Embed(SparseVector tfidf, Span<float> embedding)
    {
        embedding.Clear();
        for (int n = 0; n < tfidf.Count; n++)
        {
            TensorPrimitives.MultiplyAdd(_projection.AsSpan(tfidf.Indices[n] * Dimension, Dimension), tfidf.Values[n], embedding, embedding);
        }
        float norm = TensorPrimitives.Norm(embedding);
        // A text with no known term has no direction; the zero vector scores 0 against everything.
        if (norm > 0) TensorPrimitives.Divide(embedding, norm, embedding);
    }

    private static string Version(float[] projection, TfidfModel tfidf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Everything that decides how a text embeds: the analyzer's settings, the vocabulary, idf and the projection.
        var o = tfidf.Options;
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(
            $"lsa ngram={o.NGramMin}-{o.NGramMax} stop={o.EnglishStopWords} lower={o.Lowercase} sublinear={o.SublinearTf} l2={o.L2Normalize}\n"));
        foreach (var term in tfidf.Terms) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(term + "\n"));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tfidf.Idf));
        // Little-endian on every platform .NET runs this on (x64, arm64), so the bytes are the same everywhere.
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(projection.AsSpan()));
        return "lsa-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
