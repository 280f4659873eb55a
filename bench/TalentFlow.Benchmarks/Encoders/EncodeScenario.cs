using System.Diagnostics;
using TalentFlow.Benchmarks.Tfidf;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Benchmarks.Encoders;

/// <summary>
/// Batch encoding with the served sentence encoder (all-MiniLM-L6-v2 on ONNX Runtime), on the same texts and settings as
/// <c>../shared/anchors/minilm_anchor.py</c>: the first <c>--limit</c> rows of <c>--column</c> of <c>--texts</c>, max
/// length 256, <c>--threads</c> intra-op threads, batches of <c>--batch</c> texts. One warm-up batch, then <c>--repeat</c>
/// timed passes over all texts; the median pass is reported (and the best). Unlike the anchor, whose timer starts after
/// tokenisation, the timed pass includes tokenisation: it is the served path, text in, vectors out. Also reports the
/// process's resident memory before the encoder is loaded, once loaded and after encoding.
/// </summary>
internal static class EncodeScenario
{
    public static object Run(ScenarioArgs args)
    {
        var path = args.String("texts") ?? throw new ArgumentException("encode needs --texts CSV");
        var column = args.String("column") ?? "text";
        var limit = args.Int("limit", 512);
        var maxLength = args.Int("max-length", MiniLmModel.MaxSequenceLength);
        var threads = args.Int("threads", 2);
        var batch = args.Int("batch", 32);
        var batchTokens = args.Int("batch-tokens", 2048);
        var repeat = args.Int("repeat", 3);
        var provider = OnnxRuntimeOptions.ParseExecutionProvider(args.String("execution-provider") ?? "auto");
        var quantization = args.String("quantization") ?? "none";
        var texts = CorpusCsv.ReadColumn(path, column).Take(limit).ToArray();
        if (quantization == "both")
        {
            return EncodeQuantizationComparison.Run(texts, threads, batch, batchTokens, maxLength, repeat, provider, args.String("int8-variant"));
        }

        var mode = EncodeQuantizationComparison.Parse(quantization);

        var rssBefore = ResidentMegabytes();
        using var encoder = MiniLmModel.Load(new MiniLmOptions
        {
            IntraOpThreads = threads, BatchSize = batch, MaxBatchTokens = batchTokens, MaxSequenceLength = maxLength, ExecutionProvider = provider,
            Quantization = mode,
            // Every pass embeds the same texts: the cache would answer them; this measures the model.
            EmbeddingCacheSize = 0,
        });
        var rssLoaded = ResidentMegabytes();

        var tokens = texts.Sum(t => encoder.Tokenize(t).Tokens);
        encoder.Embed(texts.Take(batch).ToArray());
        var seconds = new double[repeat];
        for (var r = 0; r < repeat; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var t0 = Stopwatch.GetTimestamp();
            var vectors = encoder.Embed(texts);
            seconds[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            GC.KeepAlive(vectors);
        }

        var median = seconds.Order().ElementAt(repeat / 2);
        return new Dictionary<string, object>
        {
            ["texts_per_s"] = Math.Round(texts.Length / median, 2),
            ["tokens_per_s"] = Math.Round(tokens / median),
            ["mean_tokens"] = Math.Round((double)tokens / texts.Length, 2),
            ["texts"] = texts.Length,
            ["threads"] = threads,
            ["execution_provider"] = encoder.ExecutionProvider,
            ["best_texts_per_s"] = Math.Round(texts.Length / seconds.Min(), 2),
            ["batch"] = batch,
            ["batch_tokens"] = batchTokens,
            ["max_length"] = maxLength,
            ["repeat"] = repeat,
            ["model"] = encoder.Name,
            ["version"] = encoder.VersionId,
            ["quantization"] = quantization,
            ["onnxruntime"] = OnnxRuntimeInfo.Describe().Version,
            ["rss_mb_before_load"] = rssBefore,
            ["rss_mb_loaded"] = rssLoaded,
            ["rss_mb_after_encoding"] = ResidentMegabytes(),
        };
    }

    // VmRSS, so native memory (ONNX Runtime's weights and arenas) counts, not only the managed heap.
    internal static double ResidentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.WorkingSet64 / (1024.0 * 1024.0), 1);
    }
}
