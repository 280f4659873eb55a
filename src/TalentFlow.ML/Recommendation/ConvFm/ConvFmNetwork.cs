using System.Numerics;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// The ConvFM network of <c>convfm_anchor.py</c>, written out by hand: parameters, forward (<c>.Forward.cs</c>) and backward
/// (<c>.Backward.cs</c>). Generic so the gradient check can run it in double; training and serving use float.
/// </summary>
/// <remarks>
/// Layout follows PyTorch exactly: the embeddings are stacked as <c>e[b, d, f]</c> (channels = embedding dimension, length =
/// the 5 fields), the conv weight is <c>[filters, dim, kernel]</c>, and the deep part's input is <c>e.flatten(1)</c>
/// (index <c>d·5 + f</c>) followed by the pooled conv features.
/// </remarks>
internal sealed partial class ConvFmNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<NamedTensor<T>> _tensors = [];
    private readonly NamedTensor<T>[] _embeddings;
    private readonly NamedTensor<T>[] _linear;
    private readonly NamedTensor<T> _bias;
    private readonly NamedTensor<T> _convWeight;
    private readonly NamedTensor<T> _convBias;
    private readonly DenseLayer[] _hidden;
    private readonly NamedTensor<T> _outWeight;
    private readonly NamedTensor<T> _outBias;

    /// <summary>Creates a zero-initialised network; call <see cref="Initialize"/> or copy weights in.</summary>
    public ConvFmNetwork(ConvFmOptions options, int users, int jobs, int skills, int locations, int companies)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        VocabularySizes = [users, jobs, skills, locations, companies];
        foreach (var n in VocabularySizes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, "vocabulary size");
        }

        Dim = options.EmbeddingDim;
        Filters = options.ConvFilters;
        Kernel = options.ConvKernelSize;
        Padding = options.ConvPadding;
        ConvLength = options.ConvOutputLength;
        DeepInput = (Dim * ConvFmFields.Count) + Filters;

        string[] embeddingNames = ["user", "job", "skill", "loc", "comp"];
        _embeddings = new NamedTensor<T>[ConvFmFields.Count];
        for (var f = 0; f < ConvFmFields.Count; f++)
        {
            _embeddings[f] = Add($"{embeddingNames[f]}.weight", [VocabularySizes[f], Dim]);
        }

        // The anchor's linear term has per-value weights for user, job, location and company — not for skills.
        int[] linearFields = [ConvFmFields.User, ConvFmFields.Job, ConvFmFields.Location, ConvFmFields.Company];
        _linear = new NamedTensor<T>[linearFields.Length];
        for (var i = 0; i < linearFields.Length; i++)
        {
            _linear[i] = Add($"lin.{i}.weight", [VocabularySizes[linearFields[i]], 1]);
        }

        _bias = Add("bias", [1]);
        _convWeight = Add("conv.weight", [Filters, Dim, Kernel]);
        _convBias = Add("conv.bias", [Filters]);

        // nn.Sequential numbering: Linear, BatchNorm1d, ReLU, Dropout per hidden layer, then the output Linear.
        _hidden = new DenseLayer[options.HiddenUnits.Count];
        var width = DeepInput;
        for (var i = 0; i < _hidden.Length; i++)
        {
            var h = options.HiddenUnits[i];
            _hidden[i] = new DenseLayer(
                width,
                h,
                Add($"deep.{4 * i}.weight", [h, width]),
                Add($"deep.{4 * i}.bias", [h]),
                Add($"deep.{(4 * i) + 1}.weight", [h]),
                Add($"deep.{(4 * i) + 1}.bias", [h]),
                Add($"deep.{(4 * i) + 1}.running_mean", [h], trainable: false),
                Add($"deep.{(4 * i) + 1}.running_var", [h], trainable: false));
            width = h;
        }

        _outWeight = Add($"deep.{4 * _hidden.Length}.weight", [1, width]);
        _outBias = Add($"deep.{4 * _hidden.Length}.bias", [1]);

        foreach (var layer in _hidden)
        {
            // BatchNorm1d starts with gamma 1 and running variance 1, as PyTorch does.
            Array.Fill(layer.Gamma.Data, T.One);
            Array.Fill(layer.RunningVar.Data, T.One);
        }
    }

    public ConvFmOptions Options { get; }

    /// <summary>Users, jobs, skills, locations, companies.</summary>
    public int[] VocabularySizes { get; }

    public IReadOnlyList<NamedTensor<T>> Tensors => _tensors;

    public int Dim { get; }

    public int Filters { get; }

    public int Kernel { get; }

    public int Padding { get; }

    public int ConvLength { get; }

    /// <summary>5·dim + filters: the flattened embeddings then the pooled conv features.</summary>
    public int DeepInput { get; }

    internal int HiddenCount => _hidden.Length;

    internal int HiddenWidth(int layer) => _hidden[layer].Out;

    public NamedTensor<T> Find(string name) =>
        _tensors.Find(t => t.Name == name) ?? throw new KeyNotFoundException($"No tensor named '{name}'.");

    /// <summary>PyTorch's default initialisation: N(0, std²) embeddings (padding row zero), U(±1/√fan_in) for conv and linear layers.</summary>
    public void Initialize(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var std = Options.EmbeddingInitStd;
        foreach (var table in _embeddings)
        {
            Normal(random, table.Data, std);
        }

        foreach (var table in _linear)
        {
            Normal(random, table.Data, 1.0);
        }

        // padding_idx = 0: the skill table's first row is a constant zero vector.
        Array.Clear(_embeddings[ConvFmFields.Skills].Data, 0, Dim);
        _bias.Data[0] = T.Zero;
        Uniform(random, _convWeight.Data, 1 / Math.Sqrt(Dim * Kernel));
        Uniform(random, _convBias.Data, 1 / Math.Sqrt(Dim * Kernel));
        foreach (var layer in _hidden)
        {
            Uniform(random, layer.Weight.Data, 1 / Math.Sqrt(layer.In));
            Uniform(random, layer.Bias.Data, 1 / Math.Sqrt(layer.In));
        }

        Uniform(random, _outWeight.Data, 1 / Math.Sqrt(_outWeight.Data.Length));
        Uniform(random, _outBias.Data, 1 / Math.Sqrt(_outWeight.Data.Length));
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when an id is outside its vocabulary.</summary>
    public void CheckIds(in ConvFmInput input)
    {
        Check(input.User, ConvFmFields.User, nameof(input.User));
        Check(input.Job, ConvFmFields.Job, nameof(input.Job));
        Check(input.Location, ConvFmFields.Location, nameof(input.Location));
        Check(input.Company, ConvFmFields.Company, nameof(input.Company));
        if (input.Skills is null)
        {
            throw new ArgumentException("Skills must not be null (use an empty array).", nameof(input));
        }

        foreach (var s in input.Skills)
        {
            Check(s, ConvFmFields.Skills, nameof(input.Skills));
        }
    }

    private void Check(int id, int field, string name)
    {
        if ((uint)id >= (uint)VocabularySizes[field])
        {
            throw new ArgumentOutOfRangeException(name, id, $"Id outside the vocabulary of {VocabularySizes[field]}.");
        }
    }

    private NamedTensor<T> Add(string name, int[] shape, bool trainable = true)
    {
        var tensor = new NamedTensor<T>(name, shape, trainable);
        _tensors.Add(tensor);
        return tensor;
    }

    private static void Normal(Random random, T[] data, double std)
    {
        for (var i = 0; i < data.Length; i++)
        {
            // Box–Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            data[i] = T.CreateChecked(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
    }

    private static void Uniform(Random random, T[] data, double bound)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = T.CreateChecked(((2.0 * random.NextDouble()) - 1.0) * bound);
        }
    }

    /// <summary>One hidden layer: Linear → BatchNorm1d → ReLU → Dropout.</summary>
    private sealed record DenseLayer(
        int In,
        int Out,
        NamedTensor<T> Weight,
        NamedTensor<T> Bias,
        NamedTensor<T> Gamma,
        NamedTensor<T> Beta,
        NamedTensor<T> RunningMean,
        NamedTensor<T> RunningVar);
}
