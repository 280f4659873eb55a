using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Onnx.Graph;
using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// The state of one fine-tuning run: the base graph, the cached frozen hidden states of every text (computed once on ONNX
/// Runtime), the trainable top layers and their optimiser. Texts are interned: a text seen twice is run once.
/// </summary>
internal sealed class TopLayerSession
{
    private readonly Dictionary<string, int> _textIds = new(StringComparer.Ordinal);
    private readonly List<float[]> _hidden = [];
    private readonly EncoderFineTuneOptions _options;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly FrozenLayers _frozen;

    /// <param name="baseDirectory">The base model's folder.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="start">Tuned tensors to start from (a tuned version of this base), or null: the base weights.</param>
    public TopLayerSession(string baseDirectory, EncoderFineTuneOptions options, IReadOnlyDictionary<string, float[]>? start = null)
    {
        _options = options;
        BaseDirectory = baseDirectory;
        var modelPath = Path.Combine(baseDirectory, "model.onnx");
        var vocabPath = Path.Combine(baseDirectory, "vocab.txt");
        foreach (var path in new[] { modelPath, vocabPath })
        {
            if (!File.Exists(path))
            {
                throw new FineTuneException($"base model file not found: {path}");
            }
        }

        try
        {
            Graph = OnnxModelGraph.Load(modelPath);
        }
        catch (InvalidDataException e)
        {
            throw new FineTuneException($"{modelPath}: {e.Message}", e);
        }

        LayerCount = Enumerable.Range(0, 1000).TakeWhile(l => Graph.HasInitializer(Prefix(l) + "attention.self.query.bias")).Count();
        if (LayerCount == 0)
        {
            throw new FineTuneException($"{modelPath} is not a BERT-shaped export (no encoder.layer.0 tensors).");
        }

        if (options.TrainLayers > LayerCount)
        {
            throw new FineTuneException($"--train-layers {options.TrainLayers} is out of range: the model has {LayerCount} layers (1..{LayerCount}).");
        }

        FirstTrainable = LayerCount - options.TrainLayers;
        var hidden = (int)Graph.Dims(Prefix(0) + "attention.output.LayerNorm.weight")[0];
        var intermediate = (int)Graph.Dims(Prefix(0) + "intermediate.dense.bias")[0];
        Shape = new BertShape(hidden, hidden % 12 == 0 ? 12 : throw new FineTuneException($"hidden size {hidden} is not a multiple of 12 heads"), intermediate);
        _tokenizer = WordPieceTokenizer.FromVocabFile(vocabPath, new WordPieceTokenizerOptions { FinalSigma = true });
        // Graph stays the base (the result is composed on it, as silos do); the start's weights go into both the frozen pass
        // and the trainable layers' initial values.
        Start = start ?? new Dictionary<string, float[]>(StringComparer.Ordinal);
        OnnxModelGraph initial;
        try
        {
            initial = Start.Count == 0 ? Graph : OnnxModelGraph.Parse(Graph.Write(Start));
        }
        catch (ArgumentException e)
        {
            throw new FineTuneException($"the version to start from does not fit {modelPath}: {e.Message}", e);
        }

        Layers = [.. Enumerable.Range(FirstTrainable, options.TrainLayers).Select(l => BertLayerParameters.FromGraph(initial, l, Shape))];
        Top = new TrainableTop(Layers, options.ResolvedThreads);
        _frozen = new FrozenLayers(initial, FirstTrainable, options.ResolvedThreads);
    }

    /// <summary>The tuned tensors training started from (empty: the base).</summary>
    public IReadOnlyDictionary<string, float[]> Start { get; }

    public string BaseDirectory { get; }

    public OnnxModelGraph Graph { get; }

    public int LayerCount { get; }

    public int FirstTrainable { get; }

    public BertShape Shape { get; }

    public IReadOnlyList<BertLayerParameters> Layers { get; }

    public TrainableTop Top { get; }

    public long CachedTokens { get; private set; }

    public static string Prefix(int layer) => string.Create(CultureInfo.InvariantCulture, $"encoder.layer.{layer}.");

    /// <summary>Interns <paramref name="texts"/>, running the frozen layers on those not seen yet; returns their ids.</summary>
    public int[] Intern(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var ids = new int[texts.Count];
        var fresh = new List<(string Text, int[] Tokens)>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (!_textIds.TryGetValue(texts[i], out var id))
            {
                id = _hidden.Count + fresh.Count;
                fresh.Add((texts[i], _tokenizer.Encode(texts[i], _options.MaxSequenceLength)));
                _textIds[texts[i]] = id;
            }

            ids[i] = id;
        }

        if (fresh.Count > 0)
        {
            var states = _frozen.Run([.. fresh.Select(f => f.Tokens)], cancellationToken);
            _hidden.AddRange(states);
            CachedTokens += fresh.Sum(f => (long)f.Tokens.Length);
        }

        return ids;
    }

    /// <summary>Runs the frozen layers on pre-tokenised sequences (tests: token ids straight from a golden file).</summary>
    public int[] InternTokens(IReadOnlyList<int[]> sequences)
    {
        var start = _hidden.Count;
        _hidden.AddRange(_frozen.Run(sequences, CancellationToken.None));
        return [.. Enumerable.Range(start, sequences.Count)];
    }

    public int TextCount => _hidden.Count;

    /// <summary>Unit embeddings of interned texts through the current top layers (no gradient kept for later).</summary>
    public float[][] Embed(IReadOnlyList<int> ids, int chunk = 64)
    {
        var result = new float[ids.Count][];
        for (var start = 0; start < ids.Count; start += chunk)
        {
            var part = ids.Skip(start).Take(chunk).Select(i => _hidden[i]).ToArray();
            Top.Forward(part).CopyTo(result, start);
        }

        return result;
    }

    /// <summary>Cosine of each pair, by interned ids.</summary>
    public double[] Cosines(IReadOnlyList<(int Left, int Right)> pairs)
    {
        var unique = pairs.SelectMany(p => new[] { p.Left, p.Right }).Distinct().ToArray();
        var embeddings = Embed(unique);
        var at = unique.Select((id, k) => (id, k)).ToDictionary(x => x.id, x => embeddings[x.k]);
        return [.. pairs.Select(p => (double)TensorPrimitives.Dot(at[p.Left], at[p.Right]))];
    }

    public static PairQuality Quality(double[] cosines, IReadOnlyList<double> labels)
    {
        var y = labels.ToArray();
        var positive = y.Select(s => s >= 0.5).ToArray();
        var auc = positive.Contains(true) && positive.Contains(false) ? ClassificationMetrics.RocAuc(cosines, positive) : double.NaN;
        return new PairQuality(RegressionMetrics.Spearman(cosines, y), auc);
    }

    /// <summary>One forward and backward pass on a batch of pairs; gradients are accumulated (zero them before).</summary>
    public double ForwardBackward(IReadOnlyList<(int Left, int Right, double Score)> batch)
    {
        // Each distinct text of the batch runs once; a text on several pairs sums its gradients.
        var unique = batch.SelectMany(p => new[] { p.Left, p.Right }).Distinct().ToArray();
        var slot = unique.Select((id, k) => (id, k)).ToDictionary(x => x.id, x => x.k);
        var embeddings = Top.Forward([.. unique.Select(i => _hidden[i])]);
        var left = batch.Select(p => embeddings[slot[p.Left]]).ToArray();
        var right = batch.Select(p => embeddings[slot[p.Right]]).ToArray();
        var dl = left.Select(_ => new float[Shape.Hidden]).ToArray();
        var dr = right.Select(_ => new float[Shape.Hidden]).ToArray();
        var loss = _options.Loss == FineTuneLoss.CoSent
            ? PairLosses.CoSent(left, right, [.. batch.Select(p => p.Score)], _options.CoSentScale, dl, dr)
            : PairLosses.InfoNce(left, right, [.. batch.Select(p => p.Right)], _options.Temperature, dl, dr);
        var grads = unique.Select(_ => new float[Shape.Hidden]).ToArray();
        for (var k = 0; k < batch.Count; k++)
        {
            TensorPrimitives.Add(grads[slot[batch[k].Left]], dl[k], grads[slot[batch[k].Left]]);
            TensorPrimitives.Add(grads[slot[batch[k].Right]], dr[k], grads[slot[batch[k].Right]]);
        }

        Top.Backward(grads);
        return loss;
    }

    /// <summary>
    /// Every tensor that differs from the base, named as in the graph, for writing back: the trained layers', and the start's
    /// others (a layer it tuned that this run kept frozen).
    /// </summary>
    public Dictionary<string, float[]> TrainedTensors()
    {
        var all = new Dictionary<string, float[]>(Start, StringComparer.Ordinal);
        for (var k = 0; k < Layers.Count; k++)
        {
            foreach (var (name, values) in Layers[k].ToGraphTensors(Graph, FirstTrainable + k))
            {
                all[name] = values;
            }
        }

        return all;
    }

    public static double Seconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

    public void DisposeFrozen() => _frozen.Dispose();
}
