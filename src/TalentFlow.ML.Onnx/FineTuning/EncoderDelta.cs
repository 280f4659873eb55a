using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TalentFlow.ML.Onnx.Graph;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// A fine-tuned encoder as what it changed: the SHA-256 of the base model it was tuned from, the tuned tensors of its top
/// layer(s) (the pooling has no weights) and the metadata the tuned graph carries — about 7 MB for one MiniLM layer, where
/// the whole tuned model is 87 MB. <see cref="Apply"/> rebuilds the tuned graph from a silo's own base model and checks that
/// the result has the tuned model's SHA-256, so every silo serves the same bytes without shipping them. A delta with no
/// tensors (<see cref="ForBase"/>) stands for the base model itself: the registry's first version of the encoder, the target
/// of a rollback.
/// </summary>
public sealed class EncoderDelta
{
    /// <summary>The first bytes of every delta.</summary>
    private static ReadOnlySpan<byte> Magic => "TFENCDLT"u8;

    private const int FormatVersion = 1;
    private const int MaxHeaderBytes = 1 << 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private EncoderDelta(string baseName, string baseSha256, string modelVersion, string modelSha256, string servedVersion,
        IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, float[]> tensors)
    {
        BaseName = baseName;
        BaseSha256 = baseSha256;
        ModelVersion = modelVersion;
        ModelSha256 = modelSha256;
        ServedVersion = servedVersion;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The base model's name, e.g. <c>all-MiniLM-L6-v2</c>.</summary>
    public string BaseName { get; }

    /// <summary>SHA-256 of the base <c>model.onnx</c> the tensors were tuned from; a delta applies to that file only.</summary>
    public string BaseSha256 { get; }

    /// <summary>The tuned model's id, <c>{base}-ft:{16 hex of its SHA-256}</c> (the base's served version for a base delta).</summary>
    public string ModelVersion { get; }

    /// <summary>SHA-256 of the tuned <c>model.onnx</c> the delta rebuilds (the base's own for a base delta).</summary>
    public string ModelSha256 { get; }

    /// <summary>
    /// The encoder version a silo serves it as (<see cref="OnnxSentenceEncoder.VersionId"/>): <see cref="ModelVersion"/> plus
    /// the serving settings of the base it was made on (long texts, sequence length); the registry's version.
    /// </summary>
    public string ServedVersion { get; }

    /// <summary>The metadata added to the tuned graph (base model, settings).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Graph initializer name → tuned float32 values; empty for a base delta.</summary>
    public IReadOnlyDictionary<string, float[]> Tensors { get; }

    /// <summary>Whether this stands for the base model itself (no tensors).</summary>
    public bool IsBase => Tensors.Count == 0;

    /// <summary>Whether <paramref name="artifact"/> starts like a delta (so it is read as one, not as another format).</summary>
    public static bool IsDelta(ReadOnlySpan<byte> artifact) => artifact.StartsWith(Magic);

    /// <summary>The base model <paramref name="baseEncoder"/> serves, as a delta with no tensors.</summary>
    /// <exception cref="OnnxModelException">The base model file cannot be read.</exception>
    public static EncoderDelta ForBase(OnnxSentenceEncoder baseEncoder)
    {
        ArgumentNullException.ThrowIfNull(baseEncoder);
        var sha = BaseSha256Of(baseEncoder);
        return new EncoderDelta(baseEncoder.Name, sha, baseEncoder.VersionId, sha, baseEncoder.VersionId,
            new Dictionary<string, string>(StringComparer.Ordinal), new SortedDictionary<string, float[]>(StringComparer.Ordinal));
    }

    /// <summary>A trained delta, as the fine-tuner makes it; served with the base's default settings until <see cref="ServedBy"/>.</summary>
    internal static EncoderDelta Create(string baseName, string baseSha256, string modelVersion, string modelSha256,
        IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, float[]> tensors) =>
        new(baseName, baseSha256, modelVersion, modelSha256, modelVersion, new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, float[]>(tensors.ToDictionary(), StringComparer.Ordinal));

    /// <summary>
    /// This delta as <paramref name="baseEncoder"/> would serve it: <see cref="ServedVersion"/> carries the base's serving
    /// settings (e.g. <c>:window128x16</c>), since they change the embeddings.
    /// </summary>
    /// <exception cref="OnnxModelException">The delta was tuned from another base model (<see cref="OnnxModelErrorKind.BaseModelMismatch"/>).</exception>
    public EncoderDelta ServedBy(OnnxSentenceEncoder baseEncoder)
    {
        ArgumentNullException.ThrowIfNull(baseEncoder);
        CheckBaseSha(baseEncoder, BaseSha256Of(baseEncoder));
        var served = IsBase ? baseEncoder.VersionId : ModelVersion + SettingsSuffix(baseEncoder);
        return new EncoderDelta(BaseName, BaseSha256, ModelVersion, ModelSha256, served, Metadata, Tensors);
    }

    /// <summary>
    /// Checks that <paramref name="baseEncoder"/> is the base this delta was made on and serves it with the same settings
    /// (its <see cref="ServedVersion"/> would be the same).
    /// </summary>
    /// <exception cref="OnnxModelException"><see cref="OnnxModelErrorKind.BaseModelMismatch"/>, saying which hash or setting differs.</exception>
    public void CheckBase(OnnxSentenceEncoder baseEncoder)
    {
        ArgumentNullException.ThrowIfNull(baseEncoder);
        CheckBaseSha(baseEncoder, BaseSha256Of(baseEncoder));
        CheckServedVersion(baseEncoder);
    }

    /// <summary>
    /// Rebuilds the tuned model from <paramref name="baseEncoder"/>'s own model file and opens it with the base's tokenizer and
    /// settings (threads, provider, long texts); <see cref="OnnxSentenceEncoder.VersionId"/> is <see cref="ServedVersion"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A base delta: serve the base encoder itself.</exception>
    /// <exception cref="OnnxModelException">
    /// <see cref="OnnxModelErrorKind.BaseModelMismatch"/>: the base model's SHA-256 or serving settings are not the delta's;
    /// <see cref="OnnxModelErrorKind.ChecksumMismatch"/>: the base file changed since it was loaded, or the rebuilt model is
    /// not the tuned one; or the rebuilt model does not load.
    /// </exception>
    public OnnxSentenceEncoder Apply(OnnxSentenceEncoder baseEncoder, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(baseEncoder);
        if (IsBase)
        {
            throw new InvalidOperationException($"The delta of {ServedVersion} is the base model itself: serve the base encoder.");
        }

        CheckBaseSha(baseEncoder, BaseSha256Of(baseEncoder));
        CheckServedVersion(baseEncoder);
        var options = baseEncoder.Options.Clone();
        options.Name = BaseName + "-ft";
        options.VersionId = ServedVersion;
        // The graph is rebuilt (and checked) again if a call comes after the served encoder was let go: nothing keeps 87 MB.
        return OnnxSentenceEncoder.FromDelta(options, this, () => Rebuild(baseEncoder), logger);
    }

    /// <summary>The tuned float32 graph: the base file's bytes (checked against <see cref="BaseSha256"/>) with the tensors applied, checked against <see cref="ModelSha256"/>.</summary>
    private byte[] Rebuild(OnnxSentenceEncoder baseEncoder)
    {
        var bytes = File.ReadAllBytes(baseEncoder.ModelPath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha != BaseSha256)
        {
            throw new OnnxModelException(OnnxModelErrorKind.ChecksumMismatch, baseEncoder.ModelPath,
                $"{baseEncoder.ModelPath} has SHA-256 {sha} now, not {BaseSha256} as when {baseEncoder.Name} was loaded; refusing to apply the delta of {ServedVersion}.");
        }

        OnnxModelGraph graph;
        try
        {
            graph = OnnxModelGraph.Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, baseEncoder.ModelPath, $"{baseEncoder.ModelPath}: {e.Message}", e);
        }

        byte[] tuned;
        string tunedSha;
        try
        {
            (tuned, _, tunedSha) = FineTunedModel.Compose(graph, Tensors, Metadata, BaseName);
        }
        catch (ArgumentException e)
        {
            throw new OnnxModelException(OnnxModelErrorKind.BaseModelMismatch, baseEncoder.ModelPath,
                $"The delta of {ServedVersion} does not fit {baseEncoder.ModelPath}: {e.Message}", e);
        }

        if (tunedSha != ModelSha256)
        {
            throw new OnnxModelException(OnnxModelErrorKind.ChecksumMismatch, baseEncoder.ModelPath,
                $"Applying the delta of {ServedVersion} to {baseEncoder.ModelPath} gives a model with SHA-256 {tunedSha}, not the tuned {ModelSha256}.");
        }

        return tuned;
    }

    /// <summary>The delta's bytes: <c>TFENCDLT</c>, format version, a JSON header, then each tensor's float32 values (little-endian).</summary>
    public byte[] ToArray()
    {
        var header = new DeltaHeader(BaseName, BaseSha256, ModelVersion, ModelSha256, ServedVersion, Metadata.ToDictionary(StringComparer.Ordinal),
            [.. Tensors.Select(t => new DeltaTensor(t.Key, t.Value.Length))]);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        long length = Magic.Length + 8L + json.Length + (Tensors.Values.Sum(v => (long)v.Length) * sizeof(float));
        var bytes = new byte[checked((int)length)];
        Magic.CopyTo(bytes);
        int at = Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), json.Length);
        at += 8;
        json.CopyTo(bytes, at);
        at += json.Length;
        foreach (var values in Tensors.Values)
        {
            foreach (var v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), v);
                at += sizeof(float);
            }
        }

        return bytes;
    }

    /// <summary>Reads a delta written by <see cref="ToArray"/>.</summary>
    /// <exception cref="InvalidDataException">Not a delta, another format version, a damaged header, or a length that does not add up.</exception>
    public static EncoderDelta Read(byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (!IsDelta(artifact) || artifact.Length < Magic.Length + 8)
        {
            throw new InvalidDataException("Not an encoder delta (it does not start with TFENCDLT).");
        }

        int at = Magic.Length;
        var format = BinaryPrimitives.ReadInt32LittleEndian(artifact.AsSpan(at));
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"Encoder delta format {format} is not supported (this build reads format {FormatVersion}).");
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(artifact.AsSpan(at + 4));
        at += 8;
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || headerLength > artifact.Length - at)
        {
            throw new InvalidDataException($"Encoder delta header length {headerLength} is out of range.");
        }

        DeltaHeader header;
        try
        {
            header = JsonSerializer.Deserialize<DeltaHeader>(artifact.AsSpan(at, headerLength), Json)
                ?? throw new InvalidDataException("Encoder delta header is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Encoder delta header is not valid JSON: {e.Message}", e);
        }

        at += headerLength;
        if (new[] { header.BaseName, header.BaseSha256, header.ModelVersion, header.ModelSha256, header.ServedVersion }.Any(string.IsNullOrWhiteSpace)
            || header.Tensors is null || header.Metadata is null || !IsSha256(header.BaseSha256) || !IsSha256(header.ModelSha256))
        {
            throw new InvalidDataException("Encoder delta header lacks a name, a version or a SHA-256.");
        }

        long expected = header.Tensors.Sum(t => t is null || t.Length <= 0 || string.IsNullOrEmpty(t.Name) ? -1L << 40 : (long)t.Length) * sizeof(float);
        if (expected < 0 || expected != artifact.Length - at)
        {
            throw new InvalidDataException($"Encoder delta has {artifact.Length - at} bytes of tensors; its header describes {Math.Max(expected, 0)}.");
        }

        var tensors = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var t in header.Tensors)
        {
            var values = new float[t.Length];
            for (int i = 0; i < values.Length; i++, at += sizeof(float))
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(artifact.AsSpan(at));
            }

            if (!tensors.TryAdd(t.Name, values))
            {
                throw new InvalidDataException($"Encoder delta holds tensor {t.Name} twice.");
            }
        }

        return new EncoderDelta(header.BaseName, header.BaseSha256, header.ModelVersion, header.ModelSha256, header.ServedVersion,
            new SortedDictionary<string, string>(header.Metadata, StringComparer.Ordinal), tensors);
    }

    private static bool IsSha256(string value) => value.Length == 64 && value.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    /// <summary>The serving settings in a base's version id after <c>{name}:{16 hex}</c> (e.g. <c>:window128x16</c>), or none.</summary>
    private static string SettingsSuffix(OnnxSentenceEncoder baseEncoder)
    {
        if (baseEncoder.ModelSha256 is not { } sha)
        {
            return "";
        }

        var prefix = $"{baseEncoder.Name}:{sha[..16]}";
        return baseEncoder.VersionId.StartsWith(prefix, StringComparison.Ordinal) ? baseEncoder.VersionId[prefix.Length..] : "";
    }

    /// <summary>The pinned SHA-256 a loader checked (MiniLM's), else the model file's, hashed now.</summary>
    private static string BaseSha256Of(OnnxSentenceEncoder baseEncoder)
    {
        if (baseEncoder.ModelSha256 is { } pinned)
        {
            return pinned;
        }

        try
        {
            using var stream = new FileStream(baseEncoder.ModelPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException e)
        {
            throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, baseEncoder.ModelPath, $"Cannot read the base model {baseEncoder.ModelPath}: {e.Message}", e);
        }
    }

    private void CheckBaseSha(OnnxSentenceEncoder baseEncoder, string sha)
    {
        if (sha != BaseSha256)
        {
            throw new OnnxModelException(OnnxModelErrorKind.BaseModelMismatch, baseEncoder.ModelPath,
                $"Encoder {ServedVersion} was tuned from {BaseName} with SHA-256 {BaseSha256}; this silo's base model {baseEncoder.Name} "
                + $"({baseEncoder.ModelPath}) has SHA-256 {sha}. Refusing to apply it to a different base.");
        }
    }

    private void CheckServedVersion(OnnxSentenceEncoder baseEncoder)
    {
        var served = IsBase ? baseEncoder.VersionId : ModelVersion + SettingsSuffix(baseEncoder);
        if (served != ServedVersion)
        {
            throw new OnnxModelException(OnnxModelErrorKind.BaseModelMismatch, baseEncoder.ModelPath,
                $"Encoder {ServedVersion} was made where {BaseName} is served with other settings: this silo serves {baseEncoder.VersionId} "
                + $"(long texts, sequence length), so it would serve the delta as {served}. Configure the silos alike.");
        }
    }

    private sealed record DeltaHeader(string BaseName, string BaseSha256, string ModelVersion, string ModelSha256, string ServedVersion,
        Dictionary<string, string> Metadata, IReadOnlyList<DeltaTensor> Tensors);

    private sealed record DeltaTensor(string Name, int Length);
}
