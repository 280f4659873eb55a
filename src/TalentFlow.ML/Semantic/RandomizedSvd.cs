using System.Numerics.Tensors;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// Truncated SVD of a sparse matrix by the randomized range finder (Halko, Martinsson and Tropp 2011; what scikit-learn's
/// <c>TruncatedSVD(algorithm="randomized")</c> does): sample the range with a Gaussian test matrix, sharpen it with power
/// iterations, then solve the small projected problem exactly. Deterministic for a seed.
/// </summary>
internal static class RandomizedSvd
{
    /// <summary>Returns the top <paramref name="rank"/> right singular vectors (rank × columns, row-major) and singular values.</summary>
    public static (float[] Components, double[] SingularValues) Fit(
        IReadOnlyList<SparseVector> rows, int columns, int rank, int oversampling, int powerIterations, int seed)
    {
        int m = rows.Count;
        int l = Math.Min(rank + oversampling, Math.Min(m, columns));
        rank = Math.Min(rank, l);
        var random = new Random(seed);
        var omega = new float[columns * l];
        for (int i = 0; i < omega.Length; i++) omega[i] = (float)Gaussian(random);

        var y = MultiplyA(rows, omega, l);                 // m × l
        for (int i = 0; i < powerIterations; i++)
        {
            Orthonormalize(y, m, l);
            var z = MultiplyATranspose(rows, y, columns, l); // columns × l
            Orthonormalize(z, columns, l);
            y = MultiplyA(rows, z, l);
        }
        Orthonormalize(y, m, l);
        var zFinal = MultiplyATranspose(rows, y, columns, l); // Z = Aᵀ Q, so B = Qᵀ A = Zᵀ

        // B Bᵀ = Zᵀ Z (l × l): its eigenvectors are B's left singular vectors, its eigenvalues the squared singular values.
        var gram = new double[l * l];
        for (int j = 0; j < columns; j++)
        {
            var zj = zFinal.AsSpan(j * l, l);
            for (int a = 0; a < l; a++)
            {
                double za = zj[a];
                if (za == 0) continue;
                for (int b = a; b < l; b++) gram[a * l + b] += za * zj[b];
            }
        }
        for (int a = 0; a < l; a++) for (int b = 0; b < a; b++) gram[a * l + b] = gram[b * l + a];
        var (values, vectors) = SymmetricEigen.Decompose(gram, l);

        // V = Bᵀ U Σ⁻¹ = Z U Σ⁻¹: one row of components per kept singular vector.
        var components = new float[rank * columns];
        var singular = new double[rank];
        for (int r = 0; r < rank; r++)
        {
            double sigma = Math.Sqrt(Math.Max(values[r], 0));
            singular[r] = sigma;
            if (sigma < 1e-12) continue;
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int a = 0; a < l; a++) sum += zFinal[j * l + a] * vectors[a * l + r];
                components[r * columns + j] = (float)(sum / sigma);
            }
        }
        return (components, singular);
    }

    /// <summary>A · X, with X dense (columns × l, row-major); returns rows × l.</summary>
    private static float[] MultiplyA(IReadOnlyList<SparseVector> rows, float[] x, int l)
    {
        var result = new float[rows.Count * l];
        Parallel.For(0, rows.Count, i =>
        {
            var target = result.AsSpan(i * l, l);
            var row = rows[i];
            for (int n = 0; n < row.Count; n++) TensorPrimitives.MultiplyAdd(x.AsSpan(row.Indices[n] * l, l), row.Values[n], target, target);
        });
        return result;
    }

    /// <summary>Aᵀ · Y, with Y dense (rows × l); returns columns × l. Partitioned by rows, partial sums added at the end.</summary>
    private static float[] MultiplyATranspose(IReadOnlyList<SparseVector> rows, float[] y, int columns, int l)
    {
        // A fixed shard count (not the core count), so the sums, and the encoder, are the same bit for bit on any machine.
        int workers = Math.Clamp(rows.Count / 512, 1, 4);
        var partials = new float[workers][];
        Parallel.For(0, workers, w =>
        {
            var partial = new float[columns * l];
            int start = rows.Count * w / workers, end = rows.Count * (w + 1) / workers;
            for (int i = start; i < end; i++)
            {
                var source = y.AsSpan(i * l, l);
                var row = rows[i];
                for (int n = 0; n < row.Count; n++)
                {
                    var target = partial.AsSpan(row.Indices[n] * l, l);
                    TensorPrimitives.MultiplyAdd(source, row.Values[n], target, target);
                }
            }
            partials[w] = partial;
        });
        for (int w = 1; w < workers; w++) TensorPrimitives.Add(partials[0], partials[w], partials[0]);
        return partials[0];
    }

    /// <summary>Orthonormalizes the l columns of an n × l row-major matrix in place (modified Gram-Schmidt, twice).</summary>
    private static void Orthonormalize(float[] matrix, int n, int l)
    {
        // Columns are gathered into contiguous arrays, in double: this is the numerically delicate step.
        var columns = new double[l][];
        for (int c = 0; c < l; c++)
        {
            var column = new double[n];
            for (int r = 0; r < n; r++) column[r] = matrix[r * l + c];
            columns[c] = column;
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int c = 0; c < l; c++)
            {
                var column = columns[c];
                for (int p = 0; p < c; p++)
                {
                    double dot = TensorPrimitives.Dot<double>(column, columns[p]);
                    TensorPrimitives.MultiplyAdd<double>(columns[p], -dot, column, column);
                }
                double norm = TensorPrimitives.Norm<double>(column);
                if (norm > 1e-12) TensorPrimitives.Divide<double>(column, norm, column);
                else Array.Clear(column);
            }
        }
        for (int c = 0; c < l; c++)
        {
            var column = columns[c];
            for (int r = 0; r < n; r++) matrix[r * l + c] = (float)column[r];
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
