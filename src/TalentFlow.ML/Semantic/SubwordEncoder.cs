using System.Buffers;
using System.Collections.Frozen;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// An embedded encoder built from word vectors learned on the user's own corpus: windowed co-occurrence → PPMI →
/// truncated SVD (<see cref="PpmiMatrix"/>, <see cref="RandomizedSvd"/>), with fastText-style hashed character n-grams so
/// an unseen or misspelled word still gets a vector (the mean of the vectors of the known words sharing its n-grams). A
/// text's embedding is SIF pooling (Arora et al. 2017): the sum of its word vectors weighted a / (a + p(w)), minus its
/// projection on the first principal component of the training documents, L2-normalised. Deterministic for a seed,
/// bit for bit, on any core count. Immutable and thread-safe.
/// </summary>
public sealed partial class SubwordEncoder : IEmbeddedEncoder
{
    private readonly SubwordOptions _options;
    private readonly string[] _words;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _weights;        // SIF weight per word
    private readonly float[] _vectors;        // words × dimensions, unit rows
    private readonly float[] _buckets;        // buckets × dimensions: mean unit vector of the known words holding the n-gram
    private readonly float[] _principal;      // dimensions; zero when no component is removed
    private readonly float _unknownWeight;

    private SubwordEncoder(SubwordOptions options, string[] words, float[] weights, float[] vectors, float[] buckets, float[] principal,
        float unknownWeight, int dimension)
    {
        _options = options;
        _words = words;
        _lookup = words.Select((w, i) => KeyValuePair.Create(w, i)).ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _weights = weights;
        _vectors = vectors;
        _buckets = buckets;
        _principal = principal;
        _unknownWeight = unknownWeight;
        Dimension = dimension;
        VersionId = Version();
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string VersionId { get; }

    /// <inheritdoc />
    public EmbeddedEncoderKind Kind => EmbeddedEncoderKind.Subword;

    /// <summary>The settings it was fitted with.</summary>
    public SubwordOptions Options => _options;

    /// <summary>Words with their own vector, most frequent first.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Fits on <paramref name="documents"/>; deterministic for <see cref="SubwordOptions.Seed"/>.</summary>
    /// <exception cref="ArgumentException">Bad options, fewer than two documents, or fewer than two words seen <see cref="SubwordOptions.MinCount"/> times.</exception>
    public static SubwordEncoder Fit(IReadOnlyList<string> documents, SubwordOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new SubwordOptions();
        options.Validate();
        if (documents.Count < 2) throw new ArgumentException("The subword encoder needs at least two documents to fit.", nameof(documents));
        for (int i = 0; i < documents.Count; i++)
        {
            if (documents[i] is null) throw new ArgumentException($"Document {i} is null.", nameof(documents));
        }

        var (words, counts, total) = Vocabulary(documents, options);
        var index = words.Select((w, i) => KeyValuePair.Create(w, i)).ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var sequences = new int[documents.Count][];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, d => sequences[d] = WordIds(documents[d], index));

        var rows = PpmiMatrix.Build(sequences, words.Length, options);
        cancellationToken.ThrowIfCancellationRequested();
        var (components, singular) = RandomizedSvd.Fit(rows, words.Length, options.Dimensions, options.Oversampling, options.PowerIterations, options.Seed);
        cancellationToken.ThrowIfCancellationRequested();
        int dimension = singular.Length;
        var vectors = WordVectors(rows, components, singular, options.EigenvalueWeight);
        var buckets = BucketVectors(words, vectors, dimension, options);

        var weights = new float[words.Length];
        for (int w = 0; w < words.Length; w++) weights[w] = (float)(options.SifWeight / (options.SifWeight + counts[w] / (double)total));
        // An unseen word is at most as frequent as the rarest word that was kept.
        float unknownWeight = (float)(options.SifWeight / (options.SifWeight + counts[^1] / (double)total));

        var draft = new SubwordEncoder(options, words, weights, vectors, buckets, new float[dimension], unknownWeight, dimension);
        var principal = options.RemovePrincipalComponent ? draft.PrincipalComponent(documents, cancellationToken) : new float[dimension];
        return new SubwordEncoder(options, words, weights, vectors, buckets, principal, unknownWeight, dimension);
    }

    /// <inheritdoc />
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new float[Dimension];
        Embed(text, result);
        return result;
    }

    /// <summary>Embeds <paramref name="text"/> into <paramref name="destination"/> (length <see cref="Dimension"/>) without allocating.</summary>
    public void Embed(ReadOnlySpan<char> text, Span<float> destination)
    {
        if (destination.Length != Dimension) throw new ArgumentException($"The destination holds {destination.Length} values; the encoder writes {Dimension}.", nameof(destination));
        Pool(text, destination);
        float dot = TensorPrimitives.Dot(destination, _principal);
        TensorPrimitives.MultiplyAdd(_principal, -dot, destination, destination);
        float norm = TensorPrimitives.Norm(destination);
        // A text with no word (empty, blank, only stop words or digits) has no direction; the zero vector scores 0 against everything.
        if (norm > 0) TensorPrimitives.Divide(destination, norm, destination);
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

    /// <summary>The vector a word gets (its own, or its subwords' for an unknown word); false when neither exists.</summary>
    public bool TryGetWordVector(ReadOnlySpan<char> word, Span<float> destination)
    {
        if (destination.Length != Dimension) throw new ArgumentException($"The destination holds {destination.Length} values; the encoder writes {Dimension}.", nameof(destination));
        Span<char> lower = stackalloc char[WordTokenizer.MaxWordLength];
        int position = 0;
        if (!WordTokenizer.Next(word, ref position, lower, out int length)) return false;
        if (_lookup.TryGetValue(lower[..length], out int id))
        {
            _vectors.AsSpan(id * Dimension, Dimension).CopyTo(destination);
            return true;
        }

        return SubwordVector(lower[..length], destination);
    }

    /// <summary>SIF's weighted sum of the word vectors, before the principal component is removed.</summary>
    private int Pool(ReadOnlySpan<char> text, Span<float> sum)
    {
        sum.Clear();
        Span<char> word = stackalloc char[WordTokenizer.MaxWordLength];
        float[]? rented = null;
        Span<float> unknown = Dimension <= 256 ? stackalloc float[Dimension] : (rented = ArrayPool<float>.Shared.Rent(Dimension)).AsSpan(0, Dimension);
        int position = 0, pooled = 0;
        while (WordTokenizer.Next(text, ref position, word, out int length))
        {
            var w = word[..length];
            if (_lookup.TryGetValue(w, out int id))
            {
                TensorPrimitives.MultiplyAdd(_vectors.AsSpan(id * Dimension, Dimension), _weights[id], sum, sum);
                pooled++;
            }
            else if (SubwordVector(w, unknown))
            {
                TensorPrimitives.MultiplyAdd(unknown, _unknownWeight, sum, sum);
                pooled++;
            }
        }

        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return pooled;
    }

    /// <summary>The unit mean of the bucket vectors of <paramref name="word"/>'s n-grams; false when none was learned.</summary>
    private bool SubwordVector(ReadOnlySpan<char> word, Span<float> destination)
    {
        Span<int> grams = stackalloc int[SubwordHashing.MaxNGrams];
        int count = SubwordHashing.Buckets(word, _options.MinN, _options.MaxN, _options.Buckets, grams);
        destination.Clear();
        for (int g = 0; g < count; g++) TensorPrimitives.Add(_buckets.AsSpan(grams[g] * Dimension, Dimension), destination, destination);
        float norm = TensorPrimitives.Norm(destination);
        if (norm == 0) return false;
        TensorPrimitives.Divide(destination, norm, destination);
        return true;
    }

    private string Version()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Everything that decides how a text embeds: the tokenizer, the n-gram hashing, the weights and every vector.
        hash.AppendData(Encoding.UTF8.GetBytes($"subword tokenizer={WordTokenizer.Version} n={_options.MinN}-{_options.MaxN} buckets={_options.Buckets} dims={Dimension} unknown={BitConverter.SingleToInt32Bits(_unknownWeight)}\n"));
        foreach (var word in _words) hash.AppendData(Encoding.UTF8.GetBytes(word + "\n"));
        // Little-endian on every platform .NET runs this on (x64, arm64), so the bytes are the same everywhere.
        hash.AppendData(MemoryMarshal.AsBytes(_weights.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(_vectors.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(_buckets.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(_principal.AsSpan()));
        return "subword-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    internal const string FormatName = "talentflow.encoder.subword";

    /// <inheritdoc />
    public void Save(Stream stream) => ModelArtifact.Write(stream, ToArtifact(), EncoderArtifactJson.Default.SubwordArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static SubwordEncoder Load(Stream stream) =>
        EncoderArtifacts.Guard(FormatName, () => FromArtifact(ModelArtifact.Read(stream, EncoderArtifactJson.Default.SubwordArtifact, FormatName)));

    internal SubwordArtifact ToArtifact()
    {
        var o = _options;
        var weights = TensorArtifact.Float32(_weights, _words.Length);
        var unknown = TensorArtifact.Float32([_unknownWeight], 1);
        var vectors = TensorArtifact.Float32(_vectors, _words.Length, Dimension);
        var buckets = TensorArtifact.Float32(_buckets, o.Buckets, Dimension);
        var principal = TensorArtifact.Float32(_principal, Dimension);
        using var checksum = new ArtifactChecksum();
        var sha256 = checksum.Add(_words).Add(weights).Add(unknown).Add(vectors).Add(buckets).Add(principal).Hex();
        var options = new SubwordOptionsArtifact(o.Dimensions, o.Window, o.MinCount, o.MaxVocabulary, o.ContextSmoothing, o.Shift, o.EigenvalueWeight, o.MinN, o.MaxN,
            o.Buckets, o.SifWeight, o.RemovePrincipalComponent, o.Oversampling, o.PowerIterations, o.Seed);
        return new SubwordArtifact(FormatName, FormatVersion, VersionId, options, Dimension, [.. _words], weights, unknown, vectors, buckets, principal, sha256);
    }

    internal static SubwordEncoder FromArtifact(SubwordArtifact a)
    {
        EncoderArtifacts.CheckVersion(FormatName, a.Version, FormatVersion);
        var o = a.Options;
        var options = new SubwordOptions
        {
            Dimensions = o.Dimensions, Window = o.Window, MinCount = o.MinCount, MaxVocabulary = o.MaxVocabulary, ContextSmoothing = o.ContextSmoothing, Shift = o.Shift,
            EigenvalueWeight = o.EigenvalueWeight, MinN = o.MinN, MaxN = o.MaxN, Buckets = o.Buckets, SifWeight = o.SifWeight,
            RemovePrincipalComponent = o.RemovePrincipalComponent, Oversampling = o.Oversampling, PowerIterations = o.PowerIterations, Seed = o.Seed,
        };
        options.Validate();
        if (a.Dimension < 1 || a.Dimension > options.Dimensions) throw new InvalidDataException($"Dimension {a.Dimension} is outside 1–{options.Dimensions}.");
        var words = a.Words;
        if (words.Length < 2 || words.Distinct(StringComparer.Ordinal).Count() != words.Length) throw new InvalidDataException("The word list is too short or repeats a word.");
        var weights = a.WordWeights.ToFloat32("word_weights", words.Length);
        float unknownWeight = a.UnknownWeight.ToFloat32("unknown_weight", 1)[0];
        var vectors = a.WordVectors.ToFloat32("word_vectors", words.Length, a.Dimension);
        var buckets = a.BucketVectors.ToFloat32("bucket_vectors", options.Buckets, a.Dimension);
        var principal = a.PrincipalComponent.ToFloat32("principal_component", a.Dimension);
        using var checksum = new ArtifactChecksum();
        EncoderArtifacts.Verify(a.Sha256,
            checksum.Add(words).Add(a.WordWeights).Add(a.UnknownWeight).Add(a.WordVectors).Add(a.BucketVectors).Add(a.PrincipalComponent).Hex());
        var encoder = new SubwordEncoder(options, words, weights, vectors, buckets, principal, unknownWeight, a.Dimension);
        EncoderArtifacts.VerifyVersion(a.VersionId, encoder.VersionId);
        return encoder;
    }
}
