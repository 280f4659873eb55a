using System.Diagnostics;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// Trains a <see cref="ConvFmModel"/> on in-memory examples: mini-batches in an order shuffled from the seed each epoch,
/// Adam, and early stopping on the validation loss (the best epoch's weights are kept). One thread, so two runs with the same
/// options and data give bit-identical weights.
/// </summary>
public sealed class ConvFmTrainer
{
    /// <summary>Creates a trainer; <paramref name="options"/> defaults to <see cref="ConvFmOptions"/>'s defaults.</summary>
    public ConvFmTrainer(ConvFmOptions? options = null)
    {
        Options = options ?? new ConvFmOptions();
        Options.Validate();
    }

    /// <summary>The validated options.</summary>
    public ConvFmOptions Options { get; }

    /// <summary>
    /// Trains from PyTorch-style initialisation. Without <paramref name="validation"/> examples every epoch runs and the last
    /// weights are kept. A last mini-batch of a single example is skipped (BatchNorm cannot estimate a variance from one).
    /// Metrics: <c>epochs</c>, <c>best_epoch</c>, <c>train_loss</c> (mean over the best epoch's batches),
    /// <c>validation_loss</c>, <c>training_examples</c>, <c>validation_examples</c>, <c>samples_per_second</c>.
    /// </summary>
    public ConvFmModel Train(
        ConvFmVocabularies vocabularies,
        IReadOnlyList<ConvFmExample> training,
        IReadOnlyList<ConvFmExample>? validation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        ArgumentNullException.ThrowIfNull(training);
        validation ??= [];
        if (training.Count < 2)
        {
            throw new ArgumentException("Need at least 2 training examples.", nameof(training));
        }

        var network = vocabularies.CreateNetwork(Options);
        foreach (var example in training.Concat(validation))
        {
            network.CheckIds(example.Input);
        }

        // Separate streams so adding dropout or changing the data size does not change the initial weights.
        network.Initialize(new Random(Options.Seed));
        var shuffle = new Random(unchecked((Options.Seed * 31) + 1));
        var dropout = new Random(unchecked((Options.Seed * 31) + 2));
        var adam = new AdamOptimizer<float>(network.Tensors, Options);
        var act = new ConvFmActivations<float>(network, Options.BatchSize);
        var inputs = new ConvFmInput[Options.BatchSize];
        var labels = new float[Options.BatchSize];
        var order = Enumerable.Range(0, training.Count).ToArray();

        var best = double.PositiveInfinity;
        var bestEpoch = 0;
        var bestTrainLoss = double.NaN;
        float[][]? bestWeights = null;
        var epochs = 0;
        long samples = 0;
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epochs = epoch;
            shuffle.Shuffle(order);
            var lossSum = 0.0;
            var batches = 0;
            for (var start = 0; start + 1 < order.Length; start += Options.BatchSize)
            {
                var n = Math.Min(Options.BatchSize, order.Length - start);
                for (var i = 0; i < n; i++)
                {
                    var example = training[order[start + i]];
                    inputs[i] = example.Input;
                    labels[i] = example.Label;
                }

                network.Forward(inputs.AsSpan(0, n), act, training: true, dropout);
                lossSum += ConvFmNetwork<float>.Loss(labels.AsSpan(0, n), act);
                network.Backward(inputs.AsSpan(0, n), act);
                adam.Step();
                batches++;
                samples += n;
            }

            var trainLoss = lossSum / batches;
            var score = validation.Count > 0 ? MeanLoss(network, validation) : trainLoss;
            if (validation.Count == 0 || score < best)
            {
                best = score;
                bestEpoch = epoch;
                bestTrainLoss = trainLoss;
                bestWeights = validation.Count > 0 ? [.. network.Tensors.Select(t => t.Data.ToArray())] : null;
            }
            else if (epoch - bestEpoch >= Options.EarlyStoppingPatience)
            {
                break;
            }
        }

        if (bestWeights is not null)
        {
            for (var i = 0; i < bestWeights.Length; i++)
            {
                bestWeights[i].CopyTo(network.Tensors[i].Data, 0);
            }
        }

        var metrics = new Dictionary<string, double>
        {
            ["epochs"] = epochs,
            ["best_epoch"] = bestEpoch,
            ["train_loss"] = bestTrainLoss,
            ["training_examples"] = training.Count,
            ["validation_examples"] = validation.Count,
            ["samples_per_second"] = samples / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
        };
        if (validation.Count > 0)
        {
            metrics["validation_loss"] = best;
        }

        return new ConvFmModel(Options, vocabularies, network, metrics);
    }

    /// <summary>Mean binary cross-entropy of <paramref name="examples"/> in evaluation mode.</summary>
    internal static double MeanLoss(ConvFmNetwork<float> network, IReadOnlyList<ConvFmExample> examples)
    {
        const int chunk = 256;
        var act = new ConvFmActivations<float>(network, Math.Min(chunk, examples.Count), forTraining: false);
        var inputs = new ConvFmInput[act.Capacity];
        var labels = new float[act.Capacity];
        var total = 0.0;
        for (var start = 0; start < examples.Count; start += act.Capacity)
        {
            var n = Math.Min(act.Capacity, examples.Count - start);
            for (var i = 0; i < n; i++)
            {
                inputs[i] = examples[start + i].Input;
                labels[i] = examples[start + i].Label;
            }

            network.Forward(inputs.AsSpan(0, n), act, training: false, dropout: null);
            total += n * (double)ConvFmNetwork<float>.Loss(labels.AsSpan(0, n), act);
        }

        return total / examples.Count;
    }
}
