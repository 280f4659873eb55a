using System.Collections.Concurrent;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// A ConvFM recommender: the network's weights, the vocabularies its ids refer to, the options it was built with and a
/// metrics dictionary, saved together as one versioned artifact (<see cref="Save"/>, <see cref="Load"/>). Prediction runs in
/// evaluation mode (BatchNorm on running statistics, no dropout) and is safe from several threads at once.
/// </summary>
public sealed partial class ConvFmModel
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
}
