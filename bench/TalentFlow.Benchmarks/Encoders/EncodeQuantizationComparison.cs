using System.Diagnostics;
using System.Numerics.Tensors;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Benchmarks.Encoders;

/// <summary>
/// <c>encode --quantization both</c>: float32 and int8 MiniLM loaded side by side in one process, timed in alternating
/// passes over the same texts (float32, int8, float32, …) so that both see the same machine load, and the int8 vectors
/// compared with float32's (cosine per text: min, mean, 1st percentile). The ratio is the figure; absolute texts/s
/// depend on the load.
/// </summary>
internal static class EncodeQuantizationComparison
{
    public static OnnxQuantization Parse(string value) => value.Trim().ToUpperInvariant() switch
    {
        "NONE" => OnnxQuantization.None,
        "INT8" => OnnxQuantization.Int8,
        _ => throw new ArgumentException($"--quantization must be none, int8 or both; got '{value}'."),
    };

    public static object Run(string[] texts, int threads, int batch, int batchTokens, int maxLength, int repeat, OnnxExecutionProvider provider, string? variant = null)
    {
        MiniLmOptions Options(OnnxQuantization q) => new()
        {
            IntraOpThreads = threads, BatchSize = batch, MaxBatchTokens = batchTokens, MaxSequenceLength = maxLength,
            ExecutionProvider = provider, Quantization = q,
            // Every pass embeds the same texts: the cache would answer them; this measures the model.
            EmbeddingCacheSize = 0,
        };

        var t0 = Stopwatch.GetTimestamp();
        using var fp32 = MiniLmModel.Load(Options(OnnxQuantization.None));
        var fp32Load = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        t0 = Stopwatch.GetTimestamp();
        using var int8 = variant is null ? MiniLmModel.Load(Options(OnnxQuantization.Int8)) : LoadVariant(variant, Options(OnnxQuantization.None));
        var int8Load = Stopwatch.GetElapsedTime(t0).TotalSeconds;

        var tokens = texts.Sum(t => fp32.Tokenize(t).Tokens);
        fp32.Embed(texts.Take(batch).ToArray());
        int8.Embed(texts.Take(batch).ToArray());
        var fp32Seconds = new double[repeat];
        var int8Seconds = new double[repeat];
        float[][] a = [], b = [];
        for (var r = 0; r < repeat; r++)
        {
            (fp32Seconds[r], a) = Time(fp32, texts);
            (int8Seconds[r], b) = Time(int8, texts);
        }

        var cosines = a.Zip(b, (x, y) => (double)TensorPrimitives.CosineSimilarity(x, y)).Order().ToArray();
        double fp32Median = fp32Seconds.Order().ElementAt(repeat / 2), int8Median = int8Seconds.Order().ElementAt(repeat / 2);
        return new Dictionary<string, object>
        {
            ["fp32_texts_per_s"] = Math.Round(texts.Length / fp32Median, 2),
            ["int8_texts_per_s"] = Math.Round(texts.Length / int8Median, 2),
            ["int8_over_fp32"] = Math.Round(fp32Median / int8Median, 3),
            ["fp32_passes_s"] = fp32Seconds.Select(s => Math.Round(s, 3)).ToArray(),
            ["int8_passes_s"] = int8Seconds.Select(s => Math.Round(s, 3)).ToArray(),
            ["cosine_min"] = Math.Round(cosines[0], 5),
            ["cosine_p01"] = Math.Round(cosines[(int)(0.01 * (cosines.Length - 1))], 5),
            ["cosine_mean"] = Math.Round(cosines.Average(), 5),
            ["texts"] = texts.Length,
            ["mean_tokens"] = Math.Round((double)tokens / texts.Length, 2),
            ["threads"] = threads,
            ["fp32_version"] = fp32.VersionId,
            ["int8_version"] = int8.VersionId,
            ["fp32_load_s"] = Math.Round(fp32Load, 2),
            ["int8_load_s"] = Math.Round(int8Load, 2),
            ["rss_mb_both_loaded"] = EncodeScenario.ResidentMegabytes(),
        };
    }

    // --int8-variant: which dense layers to quantise (an experiment; the served option quantises them all). Written to a
    // temporary copy of the model folder and opened as a generic export with MiniLM's tokenizer settings.
    private static OnnxSentenceEncoder LoadVariant(string variant, MiniLmOptions options)
    {
        var graph = TalentFlow.ML.Onnx.Graph.OnnxModelGraph.Load(Path.Combine(MiniLmModel.DefaultDirectory, "model.onnx"));
        bool IsFfnOut(TalentFlow.ML.Onnx.Graph.OnnxNode n) => graph.Dims(n.Inputs[1])[0] > 384;
        bool IsFfnIn(TalentFlow.ML.Onnx.Graph.OnnxNode n) => graph.Dims(n.Inputs[1])[1] > 384;
        var all = graph.QuantizableMatMuls();
        var lastLayer = all.Skip(all.Count - 6).ToHashSet();
        Func<TalentFlow.ML.Onnx.Graph.OnnxNode, bool> include = variant switch
        {
            "all" => _ => true,
            "no-ffn-out" => n => !IsFfnOut(n),
            "ffn" => n => IsFfnOut(n) || IsFfnIn(n),
            "ffn-in" => IsFfnIn,
            "attention" => n => !IsFfnOut(n) && !IsFfnIn(n),
            "no-last-layer" => n => !lastLayer.Contains(n),
            "per-tensor" => _ => true,
            "no-fold" => _ => true,
            _ when variant.StartsWith("fp32-ffn-out-", StringComparison.Ordinal) =>
                n => !(IsFfnOut(n) && variant["fp32-ffn-out-".Length..].Split(',').Select(int.Parse).Contains(all.Where(IsFfnOut).ToList().IndexOf(n))),
            _ => throw new ArgumentException($"unknown --int8-variant {variant}"),
        };
        var (bytes, count) = graph.WriteInt8(perColumn: variant != "per-tensor", foldBias: variant != "no-fold", include: include);
        var dir = Directory.CreateTempSubdirectory("tf-int8-").FullName;
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), bytes);
        File.Copy(Path.Combine(MiniLmModel.DefaultDirectory, "vocab.txt"), Path.Combine(dir, "vocab.txt"));
        Console.Error.WriteLine($"int8 variant {variant}: {count} MatMuls quantised, {bytes.Length / 1e6:F1} MB");
        // The session holds the model in memory once loaded: the 60 MB copy goes right after.
        using var cleanup = new TempDirectory(dir);
        return new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions
        {
            ModelDirectory = dir, MaxSequenceLength = options.MaxSequenceLength, LowerCase = true, FinalSigma = true,
            IntraOpThreads = options.IntraOpThreads, BatchSize = options.BatchSize, MaxBatchTokens = options.MaxBatchTokens,
            ExecutionProvider = options.ExecutionProvider, VersionId = "int8-variant:" + variant, EmbeddingCacheSize = 0,
        });
    }

    private static (double Seconds, float[][] Vectors) Time(OnnxSentenceEncoder encoder, string[] texts)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var t0 = Stopwatch.GetTimestamp();
        var vectors = encoder.Embed(texts);
        return (Stopwatch.GetElapsedTime(t0).TotalSeconds, vectors);
    }
}

internal sealed class TempDirectory(string path) : IDisposable
{
    public void Dispose() => Directory.Delete(path, recursive: true);
}
