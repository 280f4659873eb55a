using System.Numerics.Tensors;

namespace TalentFlow.ML.Careers;

/// <summary>
/// Trains a <see cref="CareerClassifier"/> (seed 004's network in plain C#): one hidden ReLU layer with inverted dropout,
/// softmax, class-balanced cross-entropy (weights n / (classes · n_c)), mini-batch Adam with L2, early stopping when the
/// validation loss has not improved for <see cref="Options.Patience"/> epochs. The validation fold is carved from the
/// training data (stratified, seeded); the best epoch's weights are kept, or — with <see cref="Options.RefitOnAll"/> —
/// a second run on all the data stops at that epoch. The softmax temperature is fitted on the validation fold's logits.
/// Single-threaded and seeded: the same data and options give the same weights.
/// </summary>
public static class CareerClassifierTrainer
{
    /// <summary>Training options; defaults are seed 004's (hidden 256, dropout 0.3, patience 3).</summary>
    public sealed record Options
    {
        /// <summary>Hidden units. Default 256.</summary>
        public int Hidden { get; init; } = 256;

        /// <summary>Dropout rate on the hidden layer while training. Default 0.3.</summary>
        public double Dropout { get; init; } = 0.3;

        /// <summary>Adam step size. Default 0.001.</summary>
        public double LearningRate { get; init; } = 1e-3;

        /// <summary>L2 penalty added to the weight gradients. Default 1e-4.</summary>
        public double WeightDecay { get; init; } = 1e-4;

        /// <summary>Mini-batch size. Default 32.</summary>
        public int BatchSize { get; init; } = 32;

        /// <summary>Most epochs. Default 200.</summary>
        public int MaxEpochs { get; init; } = 200;

        /// <summary>Stop after this many epochs without a lower validation loss. Default 3.</summary>
        public int Patience { get; init; } = 3;

        /// <summary>Share of each class held out for validation (at least one text of a class with 3 or more). Default 0.15.</summary>
        public double ValidationFraction { get; init; } = 0.15;

        /// <summary>Weight the loss by inverse class frequency. Default true.</summary>
        public bool BalanceClasses { get; init; } = true;

        /// <summary>After early stopping, train again on all the data for the best epoch count. Default true.</summary>
        public bool RefitOnAll { get; init; } = true;

        /// <summary>Seed of the initial weights, the validation fold, the batch order and dropout. Default 0.</summary>
        public int Seed { get; init; }

        internal void Validate()
        {
            if (Hidden is < 1 or > 8192) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "Hidden must be 1–8192.");
            if (Dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
            if (!(LearningRate > 0) || WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), "The learning rate must be positive, the weight decay not negative.");
            if (BatchSize < 1 || MaxEpochs < 1 || Patience < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), "Batch size, epochs and patience must be positive.");
            if (ValidationFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
        }
    }

    /// <summary>What a training run did.</summary>
    /// <param name="Epochs">Epochs of the final run.</param>
    /// <param name="BestEpoch">The epoch with the lowest validation loss (all epochs when there was no validation fold).</param>
    /// <param name="ValidationLoss">The lowest validation loss (weighted cross-entropy), or NaN.</param>
    /// <param name="ValidationAccuracy">Accuracy on the validation fold at the best epoch, or NaN.</param>
    /// <param name="ValidationSamples">Texts in the validation fold.</param>
    /// <param name="Temperature">The fitted softmax temperature.</param>
    public sealed record Report(int Epochs, int BestEpoch, double ValidationLoss, double ValidationAccuracy, int ValidationSamples, float Temperature);

    /// <summary>Trains on rows of <paramref name="x"/> (all the same length) with labels in [0, <paramref name="classes"/>).</summary>
    public static (CareerClassifier Model, Report Report) Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, Options? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2 || classes < 2) throw new ArgumentException("Need one label per row, at least two rows and two classes.");
        if (y.Any(l => l < 0 || l >= classes)) throw new ArgumentException("A label is outside [0, classes).");
        options ??= new Options();
        options.Validate();
        var random = new Random(options.Seed);
        var held = HoldOut(y, options.ValidationFraction, random);
        var train = Enumerable.Range(0, x.Count).Where(i => !held[i]).ToArray();
        var validation = Enumerable.Range(0, x.Count).Where(i => held[i]).ToArray();
        var net = new MlpNetwork(x, y, classes, options);

        var first = net.Run(train, validation, options.MaxEpochs, options.Seed, cancellationToken);
        float temperature = validation.Length == 0 ? 1f : FitTemperature(first.ValidationLogits, [.. validation.Select(i => y[i])], classes);
        var model = first.Model;
        int epochs = first.Epochs;
        if (options.RefitOnAll && validation.Length > 0)
        {
            var all = Enumerable.Range(0, x.Count).ToArray();
            var second = net.Run(all, [], first.BestEpoch, options.Seed, cancellationToken);
            // The temperature was fitted on the first network's logits; the refitted one, trained on more rows, scores on
            // another scale (the sample model's gave the same texts logits several times larger, hence answers of exactly 1
            // and 0). Scaling logits by s equals scaling T by s, so T carries over by the ratio of their spreads on the same rows.
            temperature = (float)Math.Clamp(temperature * Spread(second.Model, x) / Spread(first.Model, x), 1e-3, 1e3);
            (model, epochs) = (second.Model, second.Epochs);
        }

        return (model.WithTemperature(temperature), new Report(epochs, first.BestEpoch, first.BestLoss, first.BestAccuracy, validation.Length, temperature));
    }

    /// <summary>Mean standard deviation of <paramref name="model"/>'s logits across classes over the rows of <paramref name="x"/>.</summary>
    private static double Spread(CareerClassifier model, IReadOnlyList<float[]> x)
    {
        var logits = new float[model.Classes];
        double sum = 0;
        foreach (var row in x)
        {
            model.Logits(row, logits);
            float mean = TensorPrimitives.Average<float>(logits);
            double squares = 0;
            foreach (var v in logits) squares += (v - mean) * (v - mean);
            sum += Math.Sqrt(squares / logits.Length);
        }

        return Math.Max(sum / x.Count, 1e-9);
    }

    /// <summary>Per class, a seeded random <paramref name="fraction"/> of its rows (rounded, at least one when it has three or more).</summary>
    private static bool[] HoldOut(IReadOnlyList<int> y, double fraction, Random random)
    {
        var held = new bool[y.Count];
        if (fraction <= 0) return held;
        foreach (var group in Enumerable.Range(0, y.Count).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            int take = members.Length < 3 ? 0 : Math.Max(1, (int)Math.Round(members.Length * fraction));
            foreach (var i in members.Take(take)) held[i] = true;
        }

        return held;
    }

    /// <summary>
    /// The temperature minimising the mean cross-entropy of <paramref name="logits"/> against Platt's smoothed targets: the
    /// true class gets 1 − ε and every class ε / classes, ε = 1 / (n + 2) for n calibration rows (Platt 1999, the
    /// targets (N + 1) / (N + 2) of his sigmoid fit). With hard targets a calibration set the classifier gets all right drives
    /// the temperature to its floor and every answer to exactly 1 and 0 — what the sample model did on nine validation texts;
    /// the smoothing bounds the confidence by what n rows can show and fades as n grows. Golden-section search on log T
    /// in [<paramref name="min"/>, 20] (default 0.05; the SVM's decision values, about ±1, need a lower floor).
    /// </summary>
    internal static float FitTemperature(float[][] logits, int[] labels, int classes, double min = 0.05)
    {
        double epsilon = 1.0 / (logits.Length + 2);
        double Nll(double logT)
        {
            var t = Math.Exp(logT);
            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                var z = logits[i];
                double max = double.NegativeInfinity;
                foreach (var v in z) max = Math.Max(max, v / t);
                double norm = 0, mean = 0;
                foreach (var v in z)
                {
                    norm += Math.Exp(v / t - max);
                    mean += v / t;
                }

                double logZ = max + Math.Log(norm);
                // −[(1 − ε) log p_y + ε / K Σ_k log p_k], with log p_k = z_k / T − log Z.
                sum -= (1 - epsilon) * (z[labels[i]] / t - logZ) + epsilon * (mean / classes - logZ);
            }

            return sum / logits.Length;
        }

        double a = Math.Log(min), b = Math.Log(20), g = (Math.Sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        for (int k = 0; k < 60; k++)
        {
            if (Nll(c) < Nll(d)) b = d;
            else a = c;
            (c, d) = (b - g * (b - a), a + g * (b - a));
        }

        return (float)Math.Exp((a + b) / 2);
    }
}
