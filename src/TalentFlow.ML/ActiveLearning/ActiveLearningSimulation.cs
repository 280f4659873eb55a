using TalentFlow.ML.Classification;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.ActiveLearning;

/// <summary>
/// Pool-based active learning, simulated: start from a small stratified seed set, then repeatedly train the model on every
/// reviewed item, measure it on the test split, and ask the simulated reviewer (the true label) about the next batch chosen by
/// the strategy, until the budget of reviewed items is spent. The model is a linear SVM with balanced class weights
/// (<see cref="LinearSvmTrainer"/>); an item is shortlisted when its decision value is ≥ 0, which is also the threshold
/// uncertainty sampling measures distance from.
/// </summary>
public static class ActiveLearningSimulation
{
    /// <summary>Simulation settings.</summary>
    public sealed record Options
    {
        /// <summary>Reviewed items before the first model: at least one shortlisted and one rejected. Default 10.</summary>
        public int SeedSize { get; init; } = 10;

        /// <summary>Items reviewed between two trainings. Default 10.</summary>
        public int BatchSize { get; init; } = 10;

        /// <summary>Reviewed items at which the simulation stops, the seed set included. Default 300.</summary>
        public int Budget { get; init; } = 300;

        /// <summary>Seed of the seed set and of random sampling. Default 0.</summary>
        public int Seed { get; init; }

        /// <summary>The model's settings. Default: C = 0.5, balanced class weights.</summary>
        public LinearSvmTrainer.Options Model { get; init; } = new();

        internal void Validate()
        {
            if (SeedSize < 2) throw new ArgumentOutOfRangeException(nameof(SeedSize), "The seed set needs at least 2 items (one of each label).");
            if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), "The batch size must be positive.");
            if (Budget < SeedSize) throw new ArgumentOutOfRangeException(nameof(Budget), "The budget must be at least the seed set's size.");
        }
    }

    /// <summary>
    /// Runs one simulation and returns its learning curve: one point after the seed set and one after every batch, up to the
    /// budget (or until the pool is exhausted). The same task, options and seed give the same seed set for every strategy.
    /// </summary>
    public static LearningCurve Run(ShortlistTask task, SamplingStrategy strategy, Options? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        options ??= new Options();
        options.Validate();
        var random = new Random(options.Seed);
        var labelled = SeedSet(task.PoolLabels, options.SeedSize, random);
        var chosen = new HashSet<int>(labelled);
        var unlabelled = Enumerable.Range(0, task.Pool.Count).Where(i => !chosen.Contains(i)).ToList();
        var points = new List<LearningCurvePoint>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = Train(task, labelled, options.Model, cancellationToken);
            points.Add(Evaluate(task, model, labelled));
            var count = Math.Min(Math.Min(options.BatchSize, options.Budget - labelled.Count), unlabelled.Count);
            if (count <= 0) break;

            int[] picked;
            if (strategy == SamplingStrategy.Uncertainty)
            {
                var scores = new double[unlabelled.Count];
                for (var i = 0; i < scores.Length; i++) scores[i] = Score(model, task.Pool[unlabelled[i]]);
                picked = UncertaintySampling.Select(scores, 0, count);
            }
            else
            {
                picked = RandomSampling.Select(unlabelled.Count, count, random);
            }

            labelled.AddRange(picked.Select(p => unlabelled[p]));
            // Remove highest positions first so that the lower ones stay valid; the remaining order is kept.
            foreach (var p in picked.OrderDescending()) unlabelled.RemoveAt(p);
        }

        return new LearningCurve(points);
    }

    /// <summary>
    /// The model trained on the whole pool labelled, measured on the test split: the ceiling both strategies' curves approach.
    /// </summary>
    public static LearningCurvePoint FullPool(ShortlistTask task, Options? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        options ??= new Options();
        var model = Train(task, [.. Enumerable.Range(0, task.Pool.Count)], options.Model, cancellationToken);
        return Evaluate(task, model, [.. Enumerable.Range(0, task.Pool.Count)]);
    }

    /// <summary>
    /// A stratified seed set: round(size × the pool's shortlist rate) shortlisted items, at least one and at most size − 1,
    /// the rest rejected, each drawn at random.
    /// </summary>
    internal static List<int> SeedSet(IReadOnlyList<bool> labels, int size, Random random)
    {
        var positives = Enumerable.Range(0, labels.Count).Where(i => labels[i]).ToArray();
        var negatives = Enumerable.Range(0, labels.Count).Where(i => !labels[i]).ToArray();
        var wanted = (int)Math.Round(size * (double)positives.Length / labels.Count, MidpointRounding.AwayFromZero);
        var takePositive = Math.Clamp(wanted, 1, Math.Min(size - 1, positives.Length));
        var takeNegative = Math.Min(size - takePositive, negatives.Length);
        var seed = new List<int>(size);
        seed.AddRange(RandomSampling.Select(positives.Length, takePositive, random).Select(p => positives[p]));
        seed.AddRange(RandomSampling.Select(negatives.Length, takeNegative, random).Select(p => negatives[p]));
        return seed;
    }

    private static LinearSvmModel Train(ShortlistTask task, List<int> labelled, LinearSvmTrainer.Options options, CancellationToken cancellationToken)
    {
        var x = new SparseVector[labelled.Count];
        var y = new int[labelled.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = task.Pool[labelled[i]];
            y[i] = task.PoolLabels[labelled[i]] ? 1 : 0;
        }

        return LinearSvmTrainer.Train(x, y, task.Features, 2, options, cancellationToken);
    }

    /// <summary>The shortlist class's decision value: ≥ 0 shortlists.</summary>
    private static double Score(LinearSvmModel model, SparseVector x)
    {
        Span<float> scores = stackalloc float[2];
        model.Scores(x, scores);
        return scores[1];
    }

    private static LearningCurvePoint Evaluate(ShortlistTask task, LinearSvmModel model, List<int> labelled)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < task.Test.Count; i++)
        {
            bool predicted = Score(model, task.Test[i]) >= 0, actual = task.TestLabels[i];
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }

        var metrics = new BinaryMetrics(tp, fp, tn, fn);
        return new LearningCurvePoint(labelled.Count, metrics.Accuracy, metrics.F1, labelled.Count(i => task.PoolLabels[i]));
    }
}
