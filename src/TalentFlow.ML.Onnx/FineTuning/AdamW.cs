namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter; PyTorch's <c>torch.optim.AdamW</c>: decoupled decay <c>p ← p − lr·λ·p</c>, then the
/// bias-corrected Adam step) with a linear warm-up from 0 to the peak rate and a linear decay to 0 at the last step
/// (transformers' <c>get_linear_schedule_with_warmup</c>, what sentence-transformers' fit uses).
/// </summary>
internal sealed class AdamW
{
    private readonly double _lr, _beta1, _beta2, _eps, _decay;
    private readonly int _warmup, _total;
    private readonly List<(BertLayerParameters Parameters, float[] M, float[] V, bool[] Decayed)> _state = [];
    private int _step;

    public AdamW(IEnumerable<BertLayerParameters> parameters, double learningRate, int warmupSteps, int totalSteps,
        double weightDecay = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-6)
    {
        (_lr, _warmup, _total, _decay, _beta1, _beta2, _eps) = (learningRate, warmupSteps, Math.Max(1, totalSteps), weightDecay, beta1, beta2, epsilon);
        foreach (var p in parameters)
        {
            var decayed = new bool[p.Values.Length];
            foreach (var (offset, length) in p.DecayedRanges)
            {
                Array.Fill(decayed, true, offset, length);
            }

            _state.Add((p, new float[p.Values.Length], new float[p.Values.Length], decayed));
        }
    }

    public int Step => _step;

    /// <summary>The learning rate of step <paramref name="step"/> (1-based).</summary>
    public double RateAt(int step) =>
        step <= _warmup && _warmup > 0 ? _lr * step / _warmup
        : _lr * Math.Max(0.0, (double)(_total - step) / Math.Max(1, _total - _warmup));

    /// <summary>One update from the accumulated gradients; refreshes the layers' transposed weights.</summary>
    public void Update()
    {
        _step++;
        var lr = RateAt(_step);
        var c1 = 1 - Math.Pow(_beta1, _step);
        var c2 = 1 - Math.Pow(_beta2, _step);
        foreach (var (p, m, v, decayed) in _state)
        {
            var w = p.Values;
            var g = p.Gradients;
            for (var i = 0; i < w.Length; i++)
            {
                double gi = g[i];
                m[i] = (float)((_beta1 * m[i]) + ((1 - _beta1) * gi));
                v[i] = (float)((_beta2 * v[i]) + ((1 - _beta2) * gi * gi));
                var value = decayed[i] ? w[i] * (1 - (lr * _decay)) : w[i];
                w[i] = (float)(value - (lr * (m[i] / c1) / (Math.Sqrt(v[i] / c2) + _eps)));
            }

            p.Refresh();
        }
    }
}
