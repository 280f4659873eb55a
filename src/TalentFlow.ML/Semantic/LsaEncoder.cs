using System.Numerics.Tensors;
using System.Security.Cryptography;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// The embedded default encoder: latent semantic analysis — TF-IDF, then a truncated SVD fitted on the user's own corpus
/// (resumes and job descriptions), so it needs no download. A text's embedding is its TF-IDF vector projected on the top
/// right singular vectors, L2-normalised; terms that co-occur across the corpus land near each other, which plain TF-IDF
/// cosine cannot see ("k8s" beside "kubernetes" once both appear in similar documents).
/// </summary>
public sealed class LsaEncoder : IEmbeddedEncoder
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

    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    internal const string FormatName = "talentflow.encoder.lsa";

    /// <inheritdoc />
    public void Save(Stream stream) => ModelArtifact.Write(stream, ToArtifact(), EncoderArtifactJson.Default.LsaArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static LsaEncoder Load(Stream stream) =>
        EncoderArtifacts.Guard(FormatName, () => FromArtifact(ModelArtifact.Read(stream, EncoderArtifactJson.Default.LsaArtifact, FormatName)));

    internal LsaArtifact ToArtifact()
    {
        var idf = TensorArtifact.Float64(_tfidf.Idf, _tfidf.Terms.Count);
        var singular = TensorArtifact.Float64(_singularValues, Dimension);
        var projection = TensorArtifact.Float32(_projection, _tfidf.Terms.Count, Dimension);
        using var checksum = new ArtifactChecksum();
        var sha256 = checksum.Add(_tfidf.Terms).Add(idf).Add(singular).Add(projection).Hex();
        var options = new LsaOptionsArtifact(Options.Dimensions, Options.Oversampling, Options.PowerIterations, Options.Seed, _tfidf.Options.ToArtifact());
        return new LsaArtifact(FormatName, FormatVersion, VersionId, options, Dimension, [.. _tfidf.Terms], idf, singular, projection, sha256);
    }

    internal static LsaEncoder FromArtifact(LsaArtifact a)
    {
        EncoderArtifacts.CheckVersion(FormatName, a.Version, FormatVersion);
        var tfidfOptions = a.Options.Tfidf.ToOptions();
        var options = new LsaOptions
        {
            Dimensions = a.Options.Dimensions, Oversampling = a.Options.Oversampling, PowerIterations = a.Options.PowerIterations, Seed = a.Options.Seed, Tfidf = tfidfOptions,
        };
        options.Validate(documents: 2);
        if (a.Dimension < 1 || a.Dimension > options.Dimensions) throw new InvalidDataException($"Dimension {a.Dimension} is outside 1–{options.Dimensions}.");
        var terms = a.Terms;
        if (terms.Length < 2 || terms.Distinct(StringComparer.Ordinal).Count() != terms.Length) throw new InvalidDataException("The term list is too short or repeats a term.");
        var idf = a.Idf.ToFloat64("idf", terms.Length);
        var singular = a.SingularValues.ToFloat64("singular_values", a.Dimension);
        var projection = a.Projection.ToFloat32("projection", terms.Length, a.Dimension);
        using var checksum = new ArtifactChecksum();
        EncoderArtifacts.Verify(a.Sha256, checksum.Add(terms).Add(a.Idf).Add(a.SingularValues).Add(a.Projection).Hex());
        var encoder = new LsaEncoder(options, new TfidfModel(tfidfOptions, terms, idf), projection, a.Dimension, singular);
        EncoderArtifacts.VerifyVersion(a.VersionId, encoder.VersionId);
        return encoder;
    }
}
