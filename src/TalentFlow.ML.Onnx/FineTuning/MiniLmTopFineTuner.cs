using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// Fine-tunes the top <see cref="EncoderFineTuneOptions.TrainLayers"/> layers of a BERT-shaped sentence-transformers ONNX
/// export (all-MiniLM-L6-v2 by default) in C#: the frozen layers run once per text on ONNX Runtime (their last hidden
/// state exposed as a graph output) and are cached; every step runs only the trainable layers forward and backward
/// (<see cref="BertLayer"/>, on TensorPrimitives and an FMA matrix kernel), then AdamW. The tuned weights are written back
/// into the same graph, so ONNX Runtime serves the result (<see cref="FineTunedModel.Load"/>).
/// </summary>
public sealed class MiniLmTopFineTuner : IEncoderFineTuner
{
    private readonly ILogger _logger;

    /// <summary>Creates the trainer; <paramref name="logger"/> gets the frozen pass, epochs and validation lines.</summary>
    public MiniLmTopFineTuner(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <inheritdoc/>
    public string Name => "onnx-top-layers";

    /// <inheritdoc/>
    public Task<EncoderFineTuneResult> FineTuneAsync(EncoderFineTuneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request);
        // Long CPU work: off the caller's thread (a grain turn, a request) onto the pool.
        return Task.Run(() => Run(request, cancellationToken), cancellationToken);
    }

    private static void Check(EncoderFineTuneRequest request)
    {
        request.Options.Validate();
        if (request.Train.Count == 0)
        {
            throw new FineTuneException("no training pairs");
        }

        if (request.Validation.Count == 0)
        {
            throw new FineTuneException("no validation pairs");
        }

        foreach (var (pairs, what) in new[] { (request.Train, "training"), (request.Validation, "validation") })
        {
            var bad = pairs.Select((p, i) => (p, i)).FirstOrDefault(x => x.p is null || string.IsNullOrWhiteSpace(x.p.Left)
                || string.IsNullOrWhiteSpace(x.p.Right) || !double.IsFinite(x.p.Score));
            if (bad.p is not null || pairs.Any(p => p is null))
            {
                throw new FineTuneException($"{what} pair {bad.i} has an empty text or a score that is not a number");
            }
        }

        if (request.Options.Loss == FineTuneLoss.Contrastive && !request.Train.Any(p => p.Score >= 0.5))
        {
            throw new FineTuneException("the contrastive loss needs positive training pairs (score >= 0.5)");
        }

        if (request.OutputDirectory is { } output && string.IsNullOrWhiteSpace(output))
        {
            throw new FineTuneException("the output folder is blank");
        }
    }

    private EncoderFineTuneResult Run(EncoderFineTuneRequest request, CancellationToken cancellationToken)
    {
        var o = request.Options;
        if (o.Device == FineTuneDevice.Cuda)
        {
            FineTuneLog.DeviceFallback(_logger, "cuda");
        }

        var baseDirectory = request.BaseModelDirectory ?? MiniLmModel.DefaultDirectory;
        if (request.BaseModelDirectory is null)
        {
            MiniLmModel.Verify(baseDirectory);
        }

        var start = request.StartFrom is { IsBase: false } from ? from : null;
        var session = new TopLayerSession(baseDirectory, o, start?.Tensors);
        // The result is a delta from the base; a start tuned from another base cannot be one.
        var baseSha = request.BaseModelDirectory is null ? MiniLmModel.ModelSha256 : session.Graph.ComputeSha256();
        if (start is not null && start.BaseSha256 != baseSha)
        {
            throw new FineTuneException($"the version to start from, {start.ModelVersion}, was tuned from a base with SHA-256 {start.BaseSha256}, not this base's {baseSha}");
        }

        int[] trainLeft, trainRight, validLeft, validRight;
        double frozenSeconds;
        try
        {
            // Timed: the frozen pass over the training texts is part of training; the validation texts' pass is not.
            var frozenStarted = Stopwatch.GetTimestamp();
            trainLeft = session.Intern([.. request.Train.Select(p => p.Left)], cancellationToken);
            trainRight = session.Intern([.. request.Train.Select(p => p.Right)], cancellationToken);
            frozenSeconds = TopLayerSession.Seconds(frozenStarted);
            FineTuneLog.FrozenPass(_logger, session.FirstTrainable - 1, session.TextCount, session.CachedTokens, frozenSeconds);
            validLeft = session.Intern([.. request.Validation.Select(p => p.Left)], cancellationToken);
            validRight = session.Intern([.. request.Validation.Select(p => p.Right)], cancellationToken);
        }
        finally
        {
            session.DisposeFrozen();
        }

        var validPairs = validLeft.Zip(validRight).ToArray();
        var validLabels = request.Validation.Select(p => p.Score).ToArray();
        var before = TopLayerSession.Quality(session.Cosines(validPairs), validLabels);
        FineTuneLog.Validation(_logger, "before", before.Spearman, before.RocAuc);

        // The contrastive loss learns from positives only (in-batch negatives); CoSENT from every labelled pair.
        var train = request.Train.Select((p, i) => (Left: trainLeft[i], Right: trainRight[i], p.Score))
            .Where(p => o.Loss == FineTuneLoss.CoSent || p.Score >= 0.5).ToArray();
        var stepsPerEpoch = (train.Length + o.BatchSize - 1) / o.BatchSize;
        var optimizer = new AdamW(session.Layers, o.LearningRate, o.WarmupSteps, stepsPerEpoch * o.Epochs, o.WeightDecay);
        var random = new Random(o.Seed);
        var losses = new List<double>();
        var trainStarted = Stopwatch.GetTimestamp();
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            var epochStarted = Stopwatch.GetTimestamp();
            random.Shuffle(train);
            var sum = 0.0;
            for (var s = 0; s < stepsPerEpoch; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = train.AsSpan(s * o.BatchSize, Math.Min(o.BatchSize, train.Length - (s * o.BatchSize))).ToArray();
                session.Top.ZeroGradients();
                sum += session.ForwardBackward(batch);
                optimizer.Update();
            }

            losses.Add(sum / stepsPerEpoch);
            FineTuneLog.Epoch(_logger, epoch + 1, o.Epochs, losses[^1], train.Length / TopLayerSession.Seconds(epochStarted));
        }

        var trainSeconds = TopLayerSession.Seconds(trainStarted);
        var totalSeconds = frozenSeconds + trainSeconds;
        var after = TopLayerSession.Quality(session.Cosines(validPairs), validLabels);
        FineTuneLog.Validation(_logger, "after", after.Spearman, after.RocAuc);

        var settings = new JsonObject
        {
            ["loss"] = o.Loss == FineTuneLoss.CoSent ? "cosent" : "contrastive",
            ["train_layers"] = o.TrainLayers,
            ["epochs"] = o.Epochs,
            ["batch_size"] = o.BatchSize,
            ["learning_rate"] = o.LearningRate,
            ["warmup_steps"] = o.WarmupSteps,
            ["max_seq_length"] = o.MaxSequenceLength,
            ["seed"] = o.Seed,
        };
        var manifest = new JsonObject
        {
            ["base_model"] = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory))),
            ["started_from"] = start?.ModelVersion,
            ["trained_layers"] = new JsonArray([.. Enumerable.Range(session.FirstTrainable, o.TrainLayers).Select(l => (JsonNode)l)]),
            ["settings"] = settings,
            ["train_pairs"] = train.Length,
            ["validation_pairs"] = validPairs.Length,
            ["validation_spearman_before"] = before.Spearman,
            ["validation_spearman_after"] = after.Spearman,
            ["validation_auc_before"] = before.RocAuc,
            ["validation_auc_after"] = after.RocAuc,
        };
        var baseName = request.BaseModelDirectory is null ? MiniLmModel.Name : manifest["base_model"]!.GetValue<string>();
        var served = request.BaseModelDirectory is null ? MiniLmModel.MaxSequenceLength : Math.Max(o.MaxSequenceLength, 256);
        cancellationToken.ThrowIfCancellationRequested();
        var tensors = session.TrainedTensors();
        var metadata = FineTunedModel.Metadata(baseName, manifest);
        var (bytes, version, sha) = FineTunedModel.Compose(session.Graph, tensors, metadata, baseName);
        var delta = EncoderDelta.Create(baseName, baseSha, version, sha, metadata, tensors);
        if (request.OutputDirectory is { } output)
        {
            FineTunedModel.Write(output, baseDirectory, baseName, bytes, version, sha, served, manifest);
            FineTuneLog.Written(_logger, output, version);
        }

        var pairsTrained = (double)train.Length * o.Epochs;
        return new EncoderFineTuneResult(request.OutputDirectory, version, sha, "cpu", train.Length, validPairs.Length,
            pairsTrained / totalSeconds, pairsTrained / trainSeconds, before, after, stepsPerEpoch * o.Epochs, losses, frozenSeconds, trainSeconds)
        {
            Delta = delta,
            StartedFrom = start?.ModelVersion,
        };
    }
}
