using System.Diagnostics;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Benchmarks.Encoders;

/// <summary>
/// Resident memory of a silo's served encoder across <c>semantic_encoder</c> version switches: the models a silo builds at
/// start (all-MiniLM-L6-v2, or the LSA fallback with <c>--encoder lsa</c>, <c>Matching:RetainedVersions</c> 3), the 48 sample
/// candidates and 16 jobs embedded, then <c>--switches</c> promotions of distinct fine-tuned deltas (made beforehand by
/// <c>--make-deltas DIR</c>, in another process, so training's memory is not counted), each applied to the base, published,
/// the builder's hold released (as the fan-out does) and the sample texts re-embedded. VmRSS after a full GC each time.
/// </summary>
internal static class EncoderSwitchScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        if (args.String("make-deltas") is { } output) return await MakeDeltasAsync(output, args.Int("count", 5));
        string encoderKind = args.String("encoder") ?? "minilm";
        int switches = args.Int("switches", 5), retained = args.Int("retained", 3);
        var quantization = OnnxRuntimeOptions.TryParseQuantization(args.String("quantization") ?? "none", out var q) ? q : throw new ArgumentException("--quantization none|int8");
        var texts = SampleCorpus.Candidates().Select(c => c.Resume.Text).Concat(SampleCorpus.Jobs().Select(j => j.Posting.Description)).ToArray();
        double start = ResidentMegabytes();
        var baseline = new BaselineModel("builtin-1", BaselineMatcher.Fit(SampleCorpus.Texts()));
        if (encoderKind == "lsa")
        {
            var lsa = new MatchingModels(baseline, new SemanticModel(EmbeddedEncoder.Fit(SampleCorpus.Texts(), EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 128)), retained);
            await lsa.Encoder!.Encoder.EmbedAsync(texts);
            return new { encoder = "lsa", rss_mb_process_start = start, rss_mb_after_start = Settled() };
        }

        using var baseEncoder = MiniLmModel.Load(new MiniLmOptions { Quantization = quantization });
        var models = new MatchingModels(baseline, new SemanticModel(baseEncoder), retained);
        await baseEncoder.EmbedAsync(texts);
        double afterStart = Settled();
        long managedAfterStart = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var directory = args.String("deltas") ?? throw new ArgumentException("encoder-switch needs --deltas DIR (make them with --make-deltas DIR)");
        var deltas = Directory.GetFiles(directory, "*.delta").Order(StringComparer.Ordinal).Select(f => EncoderDelta.Read(File.ReadAllBytes(f))).ToArray();
        if (deltas.Length == 0) throw new ArgumentException($"{directory} holds no .delta file");
        var built = new List<OnnxSentenceEncoder>();
        var steps = new List<object>();
        for (int i = 0; i < switches; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var encoder = deltas[i % deltas.Length].ServedBy(baseEncoder).Apply(baseEncoder);
            built.Add(encoder);
            models.PublishEncoder(new SemanticModel(encoder));
            encoder.Dispose(); // the silo's models hold it now (FineTunedEncoders.Serve does the same)
            await models.Encoder!.Encoder.EmbedAsync(texts);
            steps.Add(new
            {
                version = encoder.VersionId,
                seconds = Math.Round(Stopwatch.GetElapsedTime(t0).TotalSeconds, 2),
                rss_mb = Settled(),
                managed_committed_mb = Math.Round(GC.GetGCMemoryInfo().TotalCommittedBytes / (1024.0 * 1024.0), 1),
                open_sessions = built.Count(e => e.IsSessionOpen) + (baseEncoder.IsSessionOpen ? 1 : 0),
            });
        }

        return new
        {
            encoder = baseEncoder.VersionId, retained_versions = retained, rss_mb_process_start = start, rss_mb_after_start = afterStart,
            managed_committed_mb_after_start = Math.Round(managedAfterStart / (1024.0 * 1024.0), 1),
            switches = steps, freed_sessions = built.Sum(e => e.SessionsReleased),
        };
    }

    private static async Task<object> MakeDeltasAsync(string output, int count)
    {
        Directory.CreateDirectory(output);
        var jobs = SampleCorpus.Jobs();
        var pairs = SampleCorpus.Candidates(24).SelectMany((c, i) => new[]
        {
            new TextPair(c.Resume.Text, jobs[i % jobs.Count].Posting.Description, 1),
            new TextPair(c.Resume.Text, jobs[(i + 5) % jobs.Count].Posting.Description, 0),
        }).ToArray();
        var versions = new List<string>();
        for (int k = 0; k < count; k++)
        {
            var result = await new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(pairs, pairs, OutputDirectory: null)
            {
                Options = new EncoderFineTuneOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-4 * (k + 1), WarmupSteps = 0, MaxSequenceLength = 64, Seed = k },
            });
            await File.WriteAllBytesAsync(Path.Combine(output, $"{k:D2}.delta"), result.Delta!.ToArray());
            versions.Add(result.VersionId);
        }
        return new { output, versions };
    }

    // After a full collection: the rebuilt graphs' 87 MB byte arrays are garbage once their session is open.
    private static double Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive: the GC also gives back the free regions it would keep for later allocations, so VmRSS shows what is in use.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.WorkingSet64 / (1024.0 * 1024.0), 1);
    }

    private static double ResidentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.WorkingSet64 / (1024.0 * 1024.0), 1);
    }
}
