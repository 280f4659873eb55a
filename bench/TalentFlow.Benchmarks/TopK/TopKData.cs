using System.Text.RegularExpressions;
using TalentFlow.Benchmarks.Tfidf;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Benchmarks.TopK;

/// <summary>The matrices <see cref="TopKScenario"/> searches.</summary>
internal static partial class TopKData
{
    /// <summary>Words per resume passage in <see cref="RealText"/>; passages start every total words / n words (at most 40).</summary>
    private const int PassageWords = 40;

    /// <summary>Standard normal rows scaled to unit length (as the anchor makes them): the hardest case for quantization.</summary>
    public static float[] Gaussian(Random random, int n, int d)
    {
        var rows = new float[(long)n * d];
        for (int row = 0; row < n; row++) GaussianVector(random, d, normalise: true).CopyTo(rows.AsSpan(row * d, d));
        return rows;
    }

    public static float[] GaussianVector(Random random, int d, bool normalise)
    {
        var vector = new float[d];
        for (int i = 0; i < d; i++) vector[i] = (float)NextGaussian(random);
        if (normalise) Normalise(vector);
        return vector;
    }

    /// <summary>
    /// Unit vectors around 1,000 random unit centres (noise of the centre's own norm, so a row keeps about half its direction
    /// from its centre), and queries drawn the same way: what embeddings of many near-duplicate profiles look like.
    /// </summary>
    public static (float[] Rows, float[][] Queries) Clustered(Random random, int n, int d, int queries)
    {
        float[][] centres = [.. Enumerable.Range(0, 1000).Select(_ => GaussianVector(random, d, normalise: true))];
        float[] Draw()
        {
            var centre = centres[random.Next(centres.Length)];
            var vector = GaussianVector(random, d, normalise: true);
            for (int i = 0; i < d; i++) vector[i] += centre[i];
            Normalise(vector);
            return vector;
        }
        var rows = new float[(long)n * d];
        for (int row = 0; row < n; row++) Draw().CopyTo(rows.AsSpan(row * d, d));
        return (rows, [.. Enumerable.Range(0, queries).Select(_ => Draw())]);
    }

    /// <summary>
    /// Real text embedded at <paramref name="d"/> dimensions by an LSA encoder (seed 0) fitted on every resume and job text
    /// under <paramref name="data"/>: rows are 40-word passages of the resumes, overlapping so that there are about
    /// <paramref name="n"/> of them (repeated in order up to n if there are fewer), queries are job descriptions. The project's own encoder, because 100,000
    /// passages through MiniLM would take hours on 2 cores; LSA vectors keep real text's anisotropy and clustering.
    /// </summary>
    public static (float[] Rows, float[][] Queries, string Source) RealText(string data, int n, int d, int queries)
    {
        var resumes = Read(data, ("resume_pdf_categories/resumes.csv", "Resume"), ("updated_resume_dataset/UpdatedResumeDataSet.csv", "Resume"),
            ("vacancy_resume_ranking/cv_texts.csv", "resume_text"));
        var jobs = Read(data, ("glassdoor_ds_job_postings/Uncleaned_DS_jobs.csv", "Job Description"), ("vacancy_resume_ranking/vacancies.csv", "job_description"));
        if (resumes.Count == 0 || jobs.Count == 0) throw new ArgumentException($"--data {data}: no resume or job texts found");
        var encoder = EmbeddedEncoder.Fit([.. resumes, .. jobs], EmbeddedEncoderKind.Lsa, seed: 0, dimensions: d);
        if (encoder.Dimension != d) throw new ArgumentException($"the corpus supports only {encoder.Dimension} LSA dimensions");
        var passages = new List<string>();
        string[][] split = [.. resumes.Select(r => Words().Split(r.Trim()))];
        int stride = (int)Math.Clamp(split.Sum(w => (long)w.Length) / n, 1, PassageWords);
        foreach (var words in split)
        {
            for (int start = 0; start < words.Length; start += stride)
            {
                passages.Add(string.Join(' ', words.AsSpan(start, Math.Min(PassageWords, words.Length - start))));
            }
        }
        int distinct = Math.Min(n, passages.Count);
        var embedded = new float[distinct][];
        Parallel.For(0, distinct, i => embedded[i] = encoder.Embed(passages[i]));
        var rows = new float[(long)n * d];
        for (int row = 0; row < n; row++) embedded[row % distinct].CopyTo(rows.AsSpan(row * d, d));
        var random = new Random(20261207);
        var picked = jobs.ToArray();
        random.Shuffle(picked);
        float[][] queryVectors = [.. picked.Take(queries).Select(encoder.Embed)];
        return (rows, queryVectors, $"{resumes.Count} resumes → {passages.Count} passages of {PassageWords} words every {stride} ({distinct} used), {jobs.Count} job descriptions; LSA {encoder.VersionId}");
    }

    private static List<string> Read(string data, params (string File, string Column)[] sources)
    {
        var texts = new List<string>();
        foreach (var (file, column) in sources)
        {
            string path = Path.Combine(data, file);
            if (File.Exists(path)) texts.AddRange(CorpusCsv.ReadColumn(path, column).Where(t => !string.IsNullOrWhiteSpace(t)));
        }
        return [.. texts.Distinct(StringComparer.Ordinal)];
    }

    private static void Normalise(float[] vector)
    {
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [GeneratedRegex(@"\s+")]
    private static partial Regex Words();
}
