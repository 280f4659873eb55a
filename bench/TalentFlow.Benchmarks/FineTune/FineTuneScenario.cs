using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Benchmarks.FineTune;

/// <summary>
/// Fine-tuning the top of all-MiniLM-L6-v2 in C# (<see cref="MiniLmTopFineTuner"/>), two measurements:
/// <list type="bullet">
/// <item>quality (default): pairs built from real data (<see cref="ScreeningPairSets"/>: resumes against O*NET occupations,
/// no resume or occupation on both sides), Spearman and ROC-AUC on the held-out pairs for TF-IDF (fitted on the training
/// texts), MiniLM zero-shot and MiniLM tuned with each loss asked for;</item>
/// <item>speed (<c>--anchor minilm_anchor.py</c>): the same training pairs, batch of 8 pairs, 128 tokens, top layer only,
/// through our trainer and through the PyTorch anchor (<c>--train-layers 1</c>), alternating, <c>--rounds</c> times each;
/// ours counts the frozen pass over its training texts, the anchor's figure is its own (steps only).</item>
/// </list>
/// </summary>
internal static class FineTuneScenario
{
    public static object Run(ScenarioArgs args)
    {
        var resumes = args.String("resumes") ?? throw new ArgumentException("finetune needs --resumes CSV (ID,Category,Resume)");
        var onet = args.String("onet") ?? throw new ArgumentException("finetune needs --onet DIR (O*NET occupation_data.csv)");
        var seed = Seed(args);
        var (train, validation) = ScreeningPairSets.Build(resumes, onet, seed, args.Int("positives", 1), args.Int("negatives", 1),
            args.Int("train-resumes", int.MaxValue), args.Int("validation-resumes", int.MaxValue));
        if (args.String("pairs-out") is { } dir)
        {
            Directory.CreateDirectory(dir);
            ScreeningPairSets.WriteCsv(Path.Combine(dir, "train.csv"), train);
            ScreeningPairSets.WriteCsv(Path.Combine(dir, "validation.csv"), validation);
        }

        return args.String("anchor") is { } anchor ? Speed(args, train, anchor) : Quality(args, train, validation);
    }

    private static JsonObject Quality(ScenarioArgs args, IReadOnlyList<TextPair> train, IReadOnlyList<TextPair> validation)
    {
        var result = new JsonObject
        {
            ["train_pairs"] = train.Count,
            ["validation_pairs"] = validation.Count,
            ["validation_positives"] = validation.Count(p => p.Score >= 0.5),
            ["load"] = Load(),
        };

        // TF-IDF: fitted on the distinct training texts only, cosine of the held-out pairs.
        var tfidf = TfidfVectorizer.Fit([.. train.SelectMany(p => new[] { p.Left, p.Right }).Distinct(StringComparer.Ordinal)]);
        var tfidfCos = validation.Select(p => (double)tfidf.Transform(p.Left).Cosine(tfidf.Transform(p.Right))).ToArray();
        var (tfidfSpearman, tfidfAuc) = Metrics(tfidfCos, validation);
        result["tfidf_spearman"] = tfidfSpearman;
        result["tfidf_auc"] = tfidfAuc;

        var losses = (args.String("loss") ?? "cosent").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var loss in losses)
        {
            var options = Options(args, loss);
            var output = args.String("output") is { } o ? Path.Combine(o, loss) : Directory.CreateTempSubdirectory("tf-finetune-").FullName;
            var tuned = new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(train, validation, output) { Options = options })
                .GetAwaiter().GetResult();
            result["minilm_zero_shot_spearman"] = tuned.Before.Spearman;
            result["minilm_zero_shot_auc"] = tuned.Before.RocAuc;
            result[$"{loss}_spearman"] = tuned.After.Spearman;
            result[$"{loss}_auc"] = tuned.After.RocAuc;
            result[$"{loss}_pairs_per_s"] = tuned.PairsPerSecond;
            result[$"{loss}_epoch_losses"] = new JsonArray([.. tuned.EpochLosses.Select(l => (JsonNode)l)]);
            result[$"{loss}_seconds"] = tuned.FrozenSeconds + tuned.TrainSeconds;
            result[$"{loss}_version"] = tuned.VersionId;
            if (args.Int("served", 0) > 0)
            {
                // The written model through ONNX Runtime at its served length (256 tokens), not the training length.
                using var encoder = FineTunedModel.Load(output, options.Threads);
                var (s, a) = ServedMetrics(encoder, validation);
                result[$"{loss}_served256_spearman"] = s;
                result[$"{loss}_served256_auc"] = a;
            }

            if (args.String("output") is null)
            {
                Directory.Delete(output, recursive: true);
            }
        }

        result["settings"] = Settings(args);
        return result;
    }

    private static JsonObject Speed(ScenarioArgs args, IReadOnlyList<TextPair> train, string anchor)
    {
        var pairs = train.Take(args.Int("speed-pairs", 96)).ToArray();
        var epochs = args.Int("epochs", 1);
        var rounds = args.Int("rounds", 2);
        var threads = args.Int("threads", 2);
        const int Batch = 8;
        var csv = Path.Combine(Path.GetTempPath(), $"tf-finetune-anchor-{Environment.ProcessId}.csv");
        // The anchor pairs text k with text k+1 of a list: the training pairs' two sides, interleaved, are that list.
        ScreeningPairSets.WriteCsv(csv, pairs.SelectMany(p => new[] { new TextPair(p.Left, "", 0), new TextPair(p.Right, "", 0) }));
        var ours = new List<double>();
        var oursSteps = new List<double>();
        var theirs = new List<double>();
        var loads = new List<string> { Load() };
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                var output = Directory.CreateTempSubdirectory("tf-finetune-").FullName;
                var options = new EncoderFineTuneOptions
                {
                    Epochs = epochs, BatchSize = Batch, MaxSequenceLength = 128, TrainLayers = 1, Threads = threads, WarmupSteps = 0,
                };
                var tuned = new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(pairs, pairs.Take(8).ToArray(), output) { Options = options })
                    .GetAwaiter().GetResult();
                Directory.Delete(output, recursive: true);
                ours.Add(tuned.PairsPerSecond);
                oursSteps.Add(tuned.StepPairsPerSecond);
                theirs.Add(RunAnchor(anchor, csv, pairs.Length * 2, epochs * pairs.Length / Batch, threads));
                loads.Add(Load());
            }
        }
        finally
        {
            File.Delete(csv);
        }

        return new JsonObject
        {
            ["pairs_per_s"] = Median(ours),
            ["pairs_per_s_steps_only"] = Median(oursSteps),
            ["anchor_pairs_per_s"] = Median(theirs),
            ["ratio"] = Median(ours) / Median(theirs),
            ["rounds_pairs_per_s"] = new JsonArray([.. ours.Select(x => (JsonNode)x)]),
            ["rounds_anchor_pairs_per_s"] = new JsonArray([.. theirs.Select(x => (JsonNode)x)]),
            ["pairs"] = pairs.Length,
            ["epochs"] = epochs,
            ["batch_pairs"] = Batch,
            ["max_length"] = 128,
            ["train_layers"] = 1,
            ["threads"] = threads,
            ["load"] = new JsonArray([.. loads.Select(l => (JsonNode)l)]),
        };
    }

    private static double RunAnchor(string anchor, string csv, int texts, int steps, int threads)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("TF_PYTHON") ?? "/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { anchor, "--model", MiniLmModel.DefaultDirectory, "--texts", csv, "--column", "resume",
            "--limit", texts.ToString(CultureInfo.InvariantCulture), "--batch", "16", "--max-length", "128",
            "--threads", threads.ToString(CultureInfo.InvariantCulture), "--train-steps", steps.ToString(CultureInfo.InvariantCulture), "--train-layers", "1" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new ArgumentException("cannot start the anchor");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new ArgumentException($"the anchor exited with {process.ExitCode}");
        }

        return JsonNode.Parse(output)!["train_pairs_per_s"]!.GetValue<double>();
    }

    private static EncoderFineTuneOptions Options(ScenarioArgs args, string loss) => new()
    {
        Epochs = args.Int("epochs", 3),
        BatchSize = args.Int("batch", 16),
        LearningRate = Double(args, "learning-rate", 2e-5),
        WarmupSteps = args.Int("warmup", 100),
        MaxSequenceLength = args.Int("max-length", 128),
        TrainLayers = args.Int("train-layers", 1),
        Threads = args.Int("threads", 2),
        Seed = Seed(args),
        Loss = loss switch
        {
            "cosent" => FineTuneLoss.CoSent,
            "contrastive" => FineTuneLoss.Contrastive,
            _ => throw new ArgumentException($"--loss takes cosent, contrastive or both separated by a comma, not '{loss}'"),
        },
    };

    private static JsonObject Settings(ScenarioArgs args)
    {
        var o = Options(args, "cosent");
        return new JsonObject
        {
            ["epochs"] = o.Epochs, ["batch"] = o.BatchSize, ["learning_rate"] = o.LearningRate, ["warmup"] = o.WarmupSteps,
            ["max_length"] = o.MaxSequenceLength, ["train_layers"] = o.TrainLayers, ["threads"] = o.Threads, ["seed"] = o.Seed,
        };
    }

    private static (double Spearman, double Auc) ServedMetrics(OnnxSentenceEncoder encoder, IReadOnlyList<TextPair> pairs)
    {
        var texts = pairs.SelectMany(p => new[] { p.Left, p.Right }).Distinct(StringComparer.Ordinal).ToArray();
        var vectors = encoder.Embed(texts);
        var at = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => vectors[x.i], StringComparer.Ordinal);
        return Metrics([.. pairs.Select(p => (double)System.Numerics.Tensors.TensorPrimitives.Dot(at[p.Left], at[p.Right]))], pairs);
    }

    private static (double Spearman, double Auc) Metrics(double[] scores, IReadOnlyList<TextPair> pairs) =>
        (RegressionMetrics.Spearman(scores, [.. pairs.Select(p => p.Score)]),
         ClassificationMetrics.RocAuc(scores, [.. pairs.Select(p => p.Score >= 0.5)]));

    private static double Double(ScenarioArgs args, string name, double fallback) =>
        args.String(name) is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : throw new ArgumentException($"--{name} takes a positive number")
            : fallback;

    private static int Seed(ScenarioArgs args) =>
        args.String("seed") is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : throw new ArgumentException("--seed takes a whole number >= 0")
            : 0;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
