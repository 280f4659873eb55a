using System.Numerics.Tensors;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Semantic;

public sealed class LsaEncoderTests
{
    private static readonly string[] Corpus =
    [
        "k8s cluster operations docker containers helm charts",
        "kubernetes cluster operations docker containers helm charts",
        "kubernetes k8s docker deployment pipelines cluster",
        "devops engineer docker kubernetes terraform cluster",
        "registered nurse patient care ward medication",
        "nurse patient triage emergency ward care",
        "icu nurse patient medication monitoring care",
        "accountant ledger audit tax reporting excel",
        "audit tax accountant financial reporting",
        "financial reporting excel budgeting accountant",
    ];

    private static LsaOptions Small => new() { Dimensions = 3, Oversampling = 4, Tfidf = new TfidfOptions { MaxFeatures = null, NGramMax = 1 } };

    [Fact]
    public async Task EmbedAsync_TermsThatCoOccur_LandCloserThanUnrelatedOnes()
    {
        var encoder = LsaEncoder.Fit(Corpus, Small);
        var e = await encoder.EmbedAsync(["k8s", "kubernetes", "nurse"]);

        // Plain TF-IDF cosine of the one-word texts "k8s" and "kubernetes" is 0: they share no term.
        float related = TensorPrimitives.Dot(e[0], e[1]), unrelated = TensorPrimitives.Dot(e[0], e[2]);
        Assert.True(related > 0.9f, $"k8s·kubernetes {related}");
        Assert.True(unrelated < 0.2f, $"k8s·nurse {unrelated}");
    }

    [Fact]
    public async Task EmbedAsync_AnyText_IsUnitLengthOrZeroWhenNoTermIsKnown()
    {
        var encoder = LsaEncoder.Fit(Corpus, Small);
        var e = await encoder.EmbedAsync(["audit and tax work", "zzz qqq", ""]);

        Assert.Equal(3, encoder.Dimension);
        Assert.Equal(1f, TensorPrimitives.Norm(e[0]), 5);
        Assert.All(e[1], v => Assert.Equal(0f, v));
        Assert.All(e[2], v => Assert.Equal(0f, v));
        Assert.Empty(await encoder.EmbedAsync([]));
    }

    [Fact]
    public void Fit_SameCorpusAndSeed_GivesTheSameVersionAndEmbeddings()
    {
        var a = LsaEncoder.Fit(Corpus, Small);
        var b = LsaEncoder.Fit(Corpus, Small);

        Assert.Equal(a.VersionId, b.VersionId);
        Assert.StartsWith("lsa-", a.VersionId, StringComparison.Ordinal);
        Assert.Equal(a.Embed("nurse patient care"), b.Embed("nurse patient care"));
    }

    [Fact]
    public void Fit_OneDocumentOrBadDimensions_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => LsaEncoder.Fit(["only one"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LsaEncoder.Fit(Corpus, Small with { Dimensions = 1 }));
    }
}

public sealed class RandomizedSvdTests
{
    [Fact]
    public void Fit_KnownLowRankMatrix_RecoversSingularValuesAndRightVectors()
    {
        // A = U diag(s) Vᵀ with orthonormal U (40×4) and V (30×4): the top singular values must be s, the components ±V.
        const int m = 40, n = 30;
        double[] s = [9, 5, 2, 1];
        var random = new Random(3);
        double[][] u = Orthonormal(random, m, s.Length), v = Orthonormal(random, n, s.Length);
        var rows = new List<SparseVector>();
        for (int i = 0; i < m; i++)
        {
            var values = new float[n];
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int r = 0; r < s.Length; r++) sum += u[r][i] * s[r] * v[r][j];
                values[j] = (float)sum;
            }
            rows.Add(new SparseVector([.. Enumerable.Range(0, n)], values));
        }

        var (components, singular) = RandomizedSvd.Fit(rows, n, rank: 4, oversampling: 4, powerIterations: 2, seed: 1);

        for (int r = 0; r < s.Length; r++)
        {
            Assert.Equal(s[r], singular[r], 3);
            double dot = 0;
            for (int j = 0; j < n; j++) dot += components[r * n + j] * v[r][j];
            Assert.Equal(1, Math.Abs(dot), 3);
        }
    }

    private static double[][] Orthonormal(Random random, int length, int count)
    {
        var vectors = new double[count][];
        for (int c = 0; c < count; c++)
        {
            var x = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int p = 0; p < c; p++)
            {
                double dot = x.Zip(vectors[p], (a, b) => a * b).Sum();
                for (int i = 0; i < length; i++) x[i] -= dot * vectors[p][i];
            }
            double norm = Math.Sqrt(x.Sum(a => a * a));
            vectors[c] = [.. x.Select(a => a / norm)];
        }
        return vectors;
    }
}
