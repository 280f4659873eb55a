using System.Buffers;
using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// One BERT encoder layer, forward and backward, over a batch of texts packed row after row (<c>[tokens, hidden]</c>, no
/// padding): self-attention runs within each text's own rows, which is exactly BERT's attention mask (padded keys get
/// −∞, so they never take weight) without computing the padding. Post-LayerNorm as BERT: <c>h = LN(x + Attn(x))</c>,
/// <c>y = LN(h + W₂·GELU(W₁·h))</c>, GELU in its exact erf form. The forward pass keeps what the backward pass needs.
/// </summary>
internal sealed class BertLayer
{
    private readonly BertShape _shape;
    private readonly int _threads;
    private int _capacity;

    // Forward state (rows = tokens of the batch).
    private float[] _x = [], _qkv = [], _ctx = [], _h1 = [], _xhat1 = [], _rstd1 = [], _f = [], _cdf = [], _g = [], _xhat2 = [], _rstd2 = [];
    private float[] _probs = [];
    private int[] _probOffsets = [];

    // Backward scratch.
    private float[] _dr2 = [], _dg = [], _dh1 = [], _dr1 = [], _dctx = [], _dqkv = [], _transposed = [];

    private int[] _starts = [];
    private int[] _lengths = [];
    private int _rows;

    public BertLayer(BertLayerParameters parameters, int threads)
    {
        Parameters = parameters;
        _shape = parameters.Shape;
        _threads = Math.Max(1, threads);
    }

    public BertLayerParameters Parameters { get; }

    /// <summary>The layer's output of the last forward pass, <c>[rows, hidden]</c>.</summary>
    public float[] Output { get; private set; } = [];

    /// <summary>
    /// Runs the layer on <paramref name="input"/> (<c>[rows, hidden]</c>, texts back to back; text t is rows
    /// <c>starts[t] .. starts[t] + lengths[t]</c>). The result is in <see cref="Output"/>.
    /// </summary>
    public void Forward(float[] input, int[] starts, int[] lengths)
    {
        int h = _shape.Hidden, inter = _shape.Intermediate, rows = lengths.Sum();
        Ensure(rows, starts, lengths);
        _starts = starts;
        _lengths = lengths;
        _rows = rows;
        var p = Parameters;
        input.AsSpan(0, rows * h).CopyTo(_x);

        // Q | K | V = x · Wqkv + b.
        Gemm.Multiply(_x, 0, p.Values, p.Qkv.Offset, _qkv, 0, rows, h, 3 * h, accumulate: false, _threads);
        AddRowBias(_qkv, rows, p.Value(p.QkvBias));
        Attention();

        // h1 = LN(x + ctx · Wo + bo).
        Gemm.Multiply(_ctx, 0, p.Values, p.Out.Offset, _h1, 0, rows, h, h, accumulate: false, _threads);
        AddRowBias(_h1, rows, p.Value(p.OutBias));
        TensorPrimitives.Add(_h1.AsSpan(0, rows * h), _x.AsSpan(0, rows * h), _h1.AsSpan(0, rows * h));
        LayerNormForward(_h1, _xhat1, _rstd1, rows, p.Value(p.Ln1Gamma), p.Value(p.Ln1Beta));

        // y = LN(h1 + GELU(h1 · W1 + b1) · W2 + b2).
        Gemm.Multiply(_h1, 0, p.Values, p.Up.Offset, _f, 0, rows, h, inter, accumulate: false, _threads);
        AddRowBias(_f, rows, p.Value(p.UpBias));
        Gelu.Forward(_f, _cdf, _g, rows * inter, _threads);
        var y = Output;
        Gemm.Multiply(_g, 0, p.Values, p.Down.Offset, y, 0, rows, inter, h, accumulate: false, _threads);
        AddRowBias(y, rows, p.Value(p.DownBias));
        TensorPrimitives.Add(y.AsSpan(0, rows * h), _h1.AsSpan(0, rows * h), y.AsSpan(0, rows * h));
        LayerNormForward(y, _xhat2, _rstd2, rows, p.Value(p.Ln2Gamma), p.Value(p.Ln2Beta));
    }

    /// <summary>
    /// Backward pass of the last <see cref="Forward"/>: adds the parameters' gradients to
    /// <see cref="BertLayerParameters.Gradients"/> and writes the input's gradient to <paramref name="inputGradient"/>
    /// (<c>[rows, hidden]</c>). <paramref name="outputGradient"/> is overwritten.
    /// </summary>
    public void Backward(float[] outputGradient, float[] inputGradient)
    {
        int h = _shape.Hidden, inter = _shape.Intermediate, rows = _rows;
        var p = Parameters;
        var n = rows * h;

        LayerNormBackward(outputGradient, _dr2, _xhat2, _rstd2, rows, p.Value(p.Ln2Gamma), p.Gradient(p.Ln2Gamma), p.Gradient(p.Ln2Beta));

        // Down projection: dW2 += gᵀ · dr2, db2 += Σ dr2, dg = dr2 · W2ᵀ.
        ColumnSums(_dr2, rows, h, p.Gradient(p.DownBias));
        WeightGradient(_g, _dr2, rows, inter, h, p.Down.Offset);
        Gemm.Multiply(_dr2, 0, p.DownT, 0, _dg, 0, rows, h, inter, accumulate: false, _threads);
        Gelu.Backward(_f, _cdf, _dg, rows * inter, _threads); // _dg now holds df

        // Up projection: dW1 += h1ᵀ · df, db1 += Σ df, dh1 = dr2 + df · W1ᵀ.
        ColumnSums(_dg, rows, inter, p.Gradient(p.UpBias));
        WeightGradient(_h1, _dg, rows, h, inter, p.Up.Offset);
        Array.Copy(_dr2, _dh1, n);
        Gemm.Multiply(_dg, 0, p.UpT, 0, _dh1, 0, rows, inter, h, accumulate: true, _threads);

        LayerNormBackward(_dh1, _dr1, _xhat1, _rstd1, rows, p.Value(p.Ln1Gamma), p.Gradient(p.Ln1Gamma), p.Gradient(p.Ln1Beta));

        // Output projection of the attention: dWo += ctxᵀ · dr1, dctx = dr1 · Woᵀ.
        ColumnSums(_dr1, rows, h, p.Gradient(p.OutBias));
        WeightGradient(_ctx, _dr1, rows, h, h, p.Out.Offset);
        Gemm.Multiply(_dr1, 0, p.OutT, 0, _dctx, 0, rows, h, h, accumulate: false, _threads);

        AttentionBackward();

        // QKV: dWqkv += xᵀ · dqkv, dx = dr1 + dqkv · Wqkvᵀ.
        ColumnSums(_dqkv, rows, 3 * h, p.Gradient(p.QkvBias));
        WeightGradient(_x, _dqkv, rows, h, 3 * h, p.Qkv.Offset);
        Array.Copy(_dr1, inputGradient, n);
        Gemm.Multiply(_dqkv, 0, p.QkvT, 0, inputGradient, 0, rows, 3 * h, h, accumulate: true, _threads);
    }

    private void Attention()
    {
        int h = _shape.Hidden, d = _shape.HeadSize, heads = _shape.Heads, stride = 3 * h;
        var scale = 1f / MathF.Sqrt(d);
        Array.Clear(_ctx, 0, _rows * h);
        Parallel.For(0, _lengths.Length * heads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, job =>
        {
            int t = job / heads, head = job % heads, n = _lengths[t], s = _starts[t];
            var probs = _probs.AsSpan(_probOffsets[job], n * n);
            for (var i = 0; i < n; i++)
            {
                var q = _qkv.AsSpan(((s + i) * stride) + (head * d), d);
                var row = probs.Slice(i * n, n);
                for (var j = 0; j < n; j++)
                {
                    row[j] = TensorPrimitives.Dot(q, _qkv.AsSpan(((s + j) * stride) + h + (head * d), d)) * scale;
                }

                TensorPrimitives.SoftMax(row, row);
                var ctx = _ctx.AsSpan(((s + i) * h) + (head * d), d);
                for (var j = 0; j < n; j++)
                {
                    TensorPrimitives.MultiplyAdd(_qkv.AsSpan(((s + j) * stride) + (2 * h) + (head * d), d), row[j], ctx, ctx);
                }
            }
        });
    }

    private void AttentionBackward()
    {
        int h = _shape.Hidden, d = _shape.HeadSize, heads = _shape.Heads, stride = 3 * h;
        var scale = 1f / MathF.Sqrt(d);
        Array.Clear(_dqkv, 0, _rows * stride);
        Parallel.For(0, _lengths.Length * heads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, job =>
        {
            int t = job / heads, head = job % heads, n = _lengths[t], s = _starts[t];
            var probs = _probs.AsSpan(_probOffsets[job], n * n);
            var rented = ArrayPool<float>.Shared.Rent(n);
            var dp = rented.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                var dctx = _dctx.AsSpan(((s + i) * h) + (head * d), d);
                var row = probs.Slice(i * n, n);
                for (var j = 0; j < n; j++)
                {
                    // dP_ij = dctx_i · v_j; dv_j += P_ij · dctx_i.
                    dp[j] = TensorPrimitives.Dot(dctx, _qkv.AsSpan(((s + j) * stride) + (2 * h) + (head * d), d));
                    var dv = _dqkv.AsSpan(((s + j) * stride) + (2 * h) + (head * d), d);
                    TensorPrimitives.MultiplyAdd(dctx, row[j], dv, dv);
                }

                // Softmax: dS_ij = P_ij (dP_ij − Σ_k P_ik dP_ik), then scaled once for q·k.
                var dot = TensorPrimitives.Dot(row, dp);
                TensorPrimitives.Subtract(dp, dot, dp);
                TensorPrimitives.Multiply(dp, row, dp);
                TensorPrimitives.Multiply(dp, scale, dp);
                var q = _qkv.AsSpan(((s + i) * stride) + (head * d), d);
                var dq = _dqkv.AsSpan(((s + i) * stride) + (head * d), d);
                for (var j = 0; j < n; j++)
                {
                    TensorPrimitives.MultiplyAdd(_qkv.AsSpan(((s + j) * stride) + h + (head * d), d), dp[j], dq, dq);
                    var dk = _dqkv.AsSpan(((s + j) * stride) + h + (head * d), d);
                    TensorPrimitives.MultiplyAdd(q, dp[j], dk, dk);
                }
            }

            ArrayPool<float>.Shared.Return(rented);
        });
    }

    private void LayerNormForward(float[] values, float[] xhat, float[] rstd, int rows, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta)
    {
        int h = _shape.Hidden;
        for (var r = 0; r < rows; r++)
        {
            var v = values.AsSpan(r * h, h);
            var mean = TensorPrimitives.Sum(v) / h;
            var xh = xhat.AsSpan(r * h, h);
            TensorPrimitives.Subtract(v, mean, xh);
            var variance = TensorPrimitives.SumOfSquares(xh) / h;
            var inv = 1f / MathF.Sqrt(variance + _shape.LayerNormEpsilon);
            rstd[r] = inv;
            TensorPrimitives.Multiply(xh, inv, xh);
            TensorPrimitives.FusedMultiplyAdd(xh, gamma, beta, v);
        }
    }

    private void LayerNormBackward(float[] dy, float[] dx, float[] xhat, float[] rstd, int rows, ReadOnlySpan<float> gamma, Span<float> dGamma, Span<float> dBeta)
    {
        int h = _shape.Hidden;
        for (var r = 0; r < rows; r++)
        {
            var g = dy.AsSpan(r * h, h);
            var xh = xhat.AsSpan(r * h, h);
            var o = dx.AsSpan(r * h, h);
            TensorPrimitives.MultiplyAdd(g, xh, dGamma, dGamma);
            TensorPrimitives.Add(dBeta, g, dBeta);
            TensorPrimitives.Multiply(g, gamma, o); // dxhat
            var meanD = TensorPrimitives.Sum(o) / h;
            var meanDx = TensorPrimitives.Dot(o, xh) / h;
            // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat))
            TensorPrimitives.Subtract(o, meanD, o);
            TensorPrimitives.MultiplyAdd(xh, -meanDx, o, o);
            TensorPrimitives.Multiply(o, rstd[r], o);
        }
    }

    private void WeightGradient(float[] input, float[] outputGradient, int rows, int inDim, int outDim, int weightOffset)
    {
        // dW[in, out] += inputᵀ[in, rows] · dOut[rows, out].
        Gemm.Transpose(input, 0, rows, inDim, _transposed);
        Gemm.Multiply(_transposed, 0, outputGradient, 0, Parameters.Gradients, weightOffset, inDim, rows, outDim, accumulate: true, _threads);
    }

    private static void AddRowBias(float[] values, int rows, ReadOnlySpan<float> bias)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * bias.Length, bias.Length);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    private static void ColumnSums(float[] values, int rows, int cols, Span<float> sums)
    {
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, values.AsSpan(r * cols, cols), sums);
        }
    }

    private void Ensure(int rows, int[] starts, int[] lengths)
    {
        int h = _shape.Hidden, inter = _shape.Intermediate, heads = _shape.Heads;
        if (_probOffsets.Length < lengths.Length * heads)
        {
            _probOffsets = new int[lengths.Length * heads];
        }

        var probs = 0;
        for (var t = 0; t < lengths.Length; t++)
        {
            if (t > 0 && starts[t] != starts[t - 1] + lengths[t - 1])
            {
                throw new ArgumentException("Texts must be packed back to back.", nameof(starts));
            }

            for (var head = 0; head < heads; head++)
            {
                _probOffsets[(t * heads) + head] = probs;
                probs += lengths[t] * lengths[t];
            }
        }

        if (_probs.Length < probs)
        {
            _probs = new float[probs];
        }

        if (rows <= _capacity)
        {
            return;
        }

        _capacity = rows;
        _x = new float[rows * h]; _qkv = new float[rows * 3 * h]; _ctx = new float[rows * h]; _h1 = new float[rows * h];
        _xhat1 = new float[rows * h]; _rstd1 = new float[rows]; _f = new float[rows * inter]; _cdf = new float[rows * inter];
        _g = new float[rows * inter]; _xhat2 = new float[rows * h]; _rstd2 = new float[rows]; Output = new float[rows * h];
        _dr2 = new float[rows * h]; _dg = new float[rows * inter]; _dh1 = new float[rows * h]; _dr1 = new float[rows * h];
        _dctx = new float[rows * h]; _dqkv = new float[rows * 3 * h]; _transposed = new float[rows * Math.Max(inter, 3 * h)];
    }
}
