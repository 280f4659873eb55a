namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// BERT's GELU in its exact form, <c>x · Φ(x)</c> with <c>Φ(x) = ½(1 + erf(x/√2))</c> (what the ONNX export computes with its
/// <c>Erf</c> node), and its derivative <c>Φ(x) + x · φ(x)</c>. .NET has no erf; Abramowitz–Stegun 7.1.26 in double is
/// within 1.5e-7 of it, below float32's resolution of Φ.
/// </summary>
internal static class Gelu
{
    private const int Chunk = 16384;
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2), InvSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary><c>cdf = Φ(x)</c>, <c>y = x · Φ(x)</c>.</summary>
    public static void Forward(float[] x, float[] cdf, float[] y, int count, int threads) =>
        Run(count, threads, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var c = 0.5 * (1 + Erf(x[i] * InvSqrt2));
                cdf[i] = (float)c;
                y[i] = (float)(x[i] * c);
            }
        });

    /// <summary><c>gradient ← gradient · (Φ(x) + x · φ(x))</c>, in place.</summary>
    public static void Backward(float[] x, float[] cdf, float[] gradient, int count, int threads) =>
        Run(count, threads, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                double v = x[i];
                gradient[i] = (float)(gradient[i] * (cdf[i] + (v * InvSqrt2Pi * Math.Exp(-0.5 * v * v))));
            }
        });

    /// <summary>The error function (|error| ≤ 1.5e-7).</summary>
    public static double Erf(double x)
    {
        var sign = x < 0 ? -1.0 : 1.0;
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return sign * (1 - (poly * Math.Exp(-x * x)));
    }

    private static void Run(int count, int threads, Action<int, int> body)
    {
        if (threads <= 1 || count <= Chunk)
        {
            body(0, count);
            return;
        }

        var chunks = (count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => body(c * Chunk, Math.Min(count, (c + 1) * Chunk)));
    }
}
