using System.Collections.Concurrent;
using System.Security.Cryptography;
using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// A ConvFM recommender: the network's weights, the vocabularies its ids refer to, the options it was built with and a
/// metrics dictionary, saved together as one versioned artifact (<see cref="Save"/>, <see cref="Load"/>). Prediction runs in
/// evaluation mode (BatchNorm on running statistics, no dropout) and is safe from several threads at once.
/// </summary>
public sealed class ConvFmModel
{
    private const int PredictionChunk = 256;

    private readonly ConcurrentBag<ConvFmActivations<float>> _pool = [];

    internal ConvFmModel(ConvFmOptions options, ConvFmVocabularies vocabularies, ConvFmNetwork<float> network, IDictionary<string, double>? metrics = null)
    {
        Options = options;
        Vocabularies = vocabularies;
        Network = network;
        Metrics = new SortedDictionary<string, double>(metrics ?? new Dictionary<string, double>(), StringComparer.Ordinal);
    }

    /// <summary>The options the network was built and trained with.</summary>
    public ConvFmOptions Options { get; }

    /// <summary>What the ids of each field mean.</summary>
    public ConvFmVocabularies Vocabularies { get; }

    /// <summary>Training and evaluation numbers saved with the weights; add to it before <see cref="Save"/>.</summary>
    public IDictionary<string, double> Metrics { get; }

    /// <summary>Every parameter and BatchNorm buffer, named as PyTorch's state_dict of the anchor's module.</summary>
    public IReadOnlyList<NamedTensor<float>> Tensors => Network.Tensors;

    internal ConvFmNetwork<float> Network { get; }

    /// <summary>A freshly initialised (untrained) model: PyTorch's default initialisation drawn from <see cref="ConvFmOptions.Seed"/>.</summary>
    public static ConvFmModel Create(ConvFmOptions options, ConvFmVocabularies vocabularies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vocabularies);
        var network = vocabularies.CreateNetwork(options);
        network.Initialize(new Random(options.Seed));
        return new ConvFmModel(options, vocabularies, network);
    }

    /// <summary>
    /// An inference-only scorer with every per-field-value part precomputed (BatchNorm folded): the logits of
    /// <see cref="PredictLogits"/> at a fraction of the cost. A snapshot of the current weights; create it once and reuse it.
    /// </summary>
    public ConvFmScorer CreateScorer() => new(Network);

    /// <summary>Probability that the user interacts with the job.</summary>
    public float Predict(ConvFmInput input)
    {
        Span<float> result = stackalloc float[1];
        Predict([input], result);
        return result[0];
    }

    /// <summary>Probabilities σ(logit) for each input; <paramref name="destination"/> must be as long as <paramref name="inputs"/>.</summary>
    public void Predict(ReadOnlySpan<ConvFmInput> inputs, Span<float> destination)
    {
        PredictLogits(inputs, destination);
        for (var i = 0; i < inputs.Length; i++)
        {
            destination[i] = ConvFmNetwork<float>.Sigmoid(destination[i]);
        }
    }

    /// <summary>Raw scores (linear + FM + deep) before the sigmoid; ranking by them equals ranking by probability.</summary>
    public void PredictLogits(ReadOnlySpan<ConvFmInput> inputs, Span<float> destination)
    {
        if (destination.Length < inputs.Length)
        {
            throw new ArgumentException("Destination is shorter than the inputs.", nameof(destination));
        }

        if (inputs.IsEmpty)
        {
            return;
        }

        // Buffers are pooled: a full-size set is a few MB, too much to allocate per request.
        if (!_pool.TryTake(out var act))
        {
            act = new ConvFmActivations<float>(Network, PredictionChunk, forTraining: false);
        }

        try
        {
            for (var start = 0; start < inputs.Length; start += act.Capacity)
            {
                var chunk = inputs.Slice(start, Math.Min(act.Capacity, inputs.Length - start));
                Network.Forward(chunk, act, training: false, dropout: null);
                act.Logits.AsSpan(0, chunk.Length).CopyTo(destination[start..]);
            }
        }
        finally
        {
            _pool.Add(act);
        }
    }

    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "talentflow.convfm";

    /// <summary>
    /// Writes the artifact. Tensors are base64 of little-endian float32 (exact, and a third of the size of decimal text),
    /// followed by a SHA-256 over all tensor bytes so a damaged file is detected even when it still parses.
    /// </summary>
    public void Save(Stream stream) => ModelArtifact.Write(stream, ToArtifact(), RecommendationArtifactJson.Default.ConvFmArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>; throws <see cref="ConvFmArtifactException"/> on anything else.</summary>
    public static ConvFmModel Load(Stream stream)
    {
        try
        {
            return FromArtifact(ModelArtifact.Read(stream, RecommendationArtifactJson.Default.ConvFmArtifact, FormatName));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new ConvFmArtifactException(ConvFmArtifactError.Corrupt, e is InvalidDataException ? e.Message : $"Not a valid {FormatName} artifact: {e.Message}", e);
        }
    }

    private ConvFmArtifact ToArtifact()
    {
        var o = Options;
        var options = new ConvFmOptionsArtifact(o.EmbeddingDim, o.ConvFilters, o.ConvKernelSize, o.ConvPadding, [.. o.HiddenUnits], o.Dropout, o.BatchNormEpsilon,
            o.BatchNormMomentum, o.EmbeddingInitStd, o.LearningRate, o.Beta1, o.Beta2, o.AdamEpsilon, o.WeightDecay, o.BatchSize, o.Epochs, o.EarlyStoppingPatience,
            o.MaxDegreeOfParallelism, o.Seed);
        var v = Vocabularies;
        var vocabularies = new ConvFmVocabulariesArtifact([.. v.Users.Names], [.. v.Jobs.Names], [.. v.Skills.Names], [.. v.Locations.Names], [.. v.Companies.Names]);
        var tensors = Tensors.Select(t => new ConvFmTensorArtifact(t.Name, [.. t.Shape], TensorArtifact.Bytes(t.Data))).ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in tensors) hash.AppendData(tensor.Data);
        return new ConvFmArtifact(FormatName, FormatVersion, options, vocabularies, new Dictionary<string, double>(Metrics, StringComparer.Ordinal), tensors,
            Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static ConvFmModel FromArtifact(ConvFmArtifact a)
    {
        if (a.Version != FormatVersion)
        {
            throw new ConvFmArtifactException(
                ConvFmArtifactError.UnsupportedVersion, $"{FormatName} version {a.Version} is not supported; this build reads version {FormatVersion}.");
        }

        var o = a.Options;
        var options = new ConvFmOptions
        {
            EmbeddingDim = o.EmbeddingDim, ConvFilters = o.ConvFilters, ConvKernelSize = o.ConvKernelSize, ConvPadding = o.ConvPadding, HiddenUnits = o.HiddenUnits,
            Dropout = o.Dropout, BatchNormEpsilon = o.BatchnormEpsilon, BatchNormMomentum = o.BatchnormMomentum, EmbeddingInitStd = o.EmbeddingInitStd,
            LearningRate = o.LearningRate, Beta1 = o.Beta1, Beta2 = o.Beta2, AdamEpsilon = o.AdamEpsilon, WeightDecay = o.WeightDecay, BatchSize = o.BatchSize,
            Epochs = o.Epochs, EarlyStoppingPatience = o.EarlyStoppingPatience, MaxDegreeOfParallelism = o.MaxDegreeOfParallelism, Seed = o.Seed,
        };
        options.Validate();
        var v = a.Vocabularies;
        var vocabularies = new ConvFmVocabularies(v.Users, v.Jobs, v.Skills, v.Locations, v.Companies);
        var network = vocabularies.CreateNetwork(options);
        var stored = a.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (stored.Count != network.Tensors.Count) throw Corrupt($"{stored.Count} tensors stored, the options and vocabularies need {network.Tensors.Count}.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in network.Tensors)
        {
            if (!stored.TryGetValue(tensor.Name, out var t)) throw Corrupt($"Tensor '{tensor.Name}' is missing.");
            if (!t.Shape.AsSpan().SequenceEqual(tensor.Shape.AsSpan()) || t.Data.Length != tensor.Data.Length * sizeof(float))
            {
                throw Corrupt($"Tensor '{tensor.Name}' has shape [{string.Join(", ", t.Shape)}] and {t.Data.Length} bytes; expected [{string.Join(", ", tensor.Shape)}].");
            }

            hash.AppendData(t.Data);
            TensorArtifact.CopyFloat32(t.Data, tensor.Data);
        }

        if (a.Sha256 != Convert.ToHexStringLower(hash.GetHashAndReset())) throw Corrupt("Tensor checksum mismatch.");
        return new ConvFmModel(options, vocabularies, network, a.Metrics);
    }

    private static ConvFmArtifactException Corrupt(string message) => new(ConvFmArtifactError.Corrupt, message);
}
