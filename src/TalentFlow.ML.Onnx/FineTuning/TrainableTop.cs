using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// The trainable top of the encoder: K BERT layers over the frozen layers' hidden states, then mean pooling and L2
/// normalisation (what the served encoder does after ONNX Runtime's last layer). Forward on a batch of texts keeps the
/// activations; <see cref="Backward"/> takes the loss's gradient with respect to the unit embeddings and accumulates the
/// layers' parameter gradients.
/// </summary>
internal sealed class TrainableTop
{
    private readonly int _hidden;
    private float[] _input = [], _gradA = [], _gradB = [];
    private int[] _starts = [], _lengths = [];
    private float[][] _pooled = [];
    private double[] _norms = [];

    public TrainableTop(IReadOnlyList<BertLayerParameters> layers, int threads)
    {
        if (layers.Count == 0)
        {
            throw new ArgumentException("At least one layer.", nameof(layers));
        }

        Layers = [.. layers.Select(p => new BertLayer(p, threads))];
        _hidden = layers[0].Shape.Hidden;
    }

    public IReadOnlyList<BertLayer> Layers { get; }

    /// <summary>Unit embeddings of texts given by their frozen hidden states (<c>[tokens, hidden]</c> each).</summary>
    public float[][] Forward(IReadOnlyList<float[]> hiddenStates)
    {
        int h = _hidden;
        _starts = new int[hiddenStates.Count];
        _lengths = new int[hiddenStates.Count];
        var rows = 0;
        for (var t = 0; t < hiddenStates.Count; t++)
        {
            _starts[t] = rows;
            _lengths[t] = hiddenStates[t].Length / h;
            if (_lengths[t] == 0 || hiddenStates[t].Length % h != 0)
            {
                throw new ArgumentException($"Hidden state {t} is not a whole number of {h}-wide rows.", nameof(hiddenStates));
            }

            rows += _lengths[t];
        }

        if (_input.Length < rows * h)
        {
            _input = new float[rows * h];
            _gradA = new float[rows * h];
            _gradB = new float[rows * h];
        }

        for (var t = 0; t < hiddenStates.Count; t++)
        {
            hiddenStates[t].CopyTo(_input, _starts[t] * h);
        }

        var x = _input;
        foreach (var layer in Layers)
        {
            layer.Forward(x, _starts, _lengths);
            x = layer.Output;
        }

        // Mean over the text's tokens, then L2: the pooled vector and its norm are kept for the backward pass.
        _pooled = new float[hiddenStates.Count][];
        _norms = new double[hiddenStates.Count];
        var embeddings = new float[hiddenStates.Count][];
        for (var t = 0; t < hiddenStates.Count; t++)
        {
            var pooled = new float[h];
            for (var r = 0; r < _lengths[t]; r++)
            {
                TensorPrimitives.Add(pooled, x.AsSpan((_starts[t] + r) * h, h), pooled);
            }

            TensorPrimitives.Divide(pooled, _lengths[t], pooled);
            var norm = Math.Max(TensorPrimitives.Norm(pooled), 1e-12f);
            _pooled[t] = pooled;
            _norms[t] = norm;
            var e = new float[h];
            TensorPrimitives.Divide(pooled, norm, e);
            embeddings[t] = e;
        }

        return embeddings;
    }

    /// <summary>Back-propagates <paramref name="embeddingGradients"/> (one per text of the last forward pass).</summary>
    public void Backward(IReadOnlyList<float[]> embeddingGradients)
    {
        int h = _hidden;
        var dy = _gradA;
        var du = new float[h];
        var e = new float[h];
        for (var t = 0; t < _lengths.Length; t++)
        {
            // e = u / |u|: du = (de − e (e · de)) / |u|; u = mean of rows: each row gets du / n.
            var norm = (float)_norms[t];
            TensorPrimitives.Divide(_pooled[t], norm, e);
            var de = embeddingGradients[t];
            var dot = TensorPrimitives.Dot(e, de);
            TensorPrimitives.MultiplyAdd(e, -dot, de, du);
            TensorPrimitives.Divide(du, norm * _lengths[t], du);
            for (var r = 0; r < _lengths[t]; r++)
            {
                du.CopyTo(dy, (_starts[t] + r) * h);
            }
        }

        for (var l = Layers.Count - 1; l >= 0; l--)
        {
            var dx = ReferenceEquals(dy, _gradA) ? _gradB : _gradA;
            Layers[l].Backward(dy, dx);
            dy = dx;
        }
    }

    public void ZeroGradients()
    {
        foreach (var layer in Layers)
        {
            Array.Clear(layer.Parameters.Gradients);
        }
    }
}
