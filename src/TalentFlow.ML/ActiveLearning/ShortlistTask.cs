using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.ActiveLearning;

/// <summary>
/// One job's screening as a binary task for <see cref="ActiveLearningSimulation"/>: an unlabelled pool a reviewer can be asked
/// about (with the labels the simulated reviewer answers) and a fixed held-out test split, as feature vectors.
/// </summary>
public sealed class ShortlistTask
{
    /// <summary>Builds a task; the pool needs at least one shortlisted and one rejected item, the test split at least one item.</summary>
    /// <exception cref="ArgumentException">Counts that do not match, an empty test split, or a pool with one label only.</exception>
    public ShortlistTask(IReadOnlyList<SparseVector> pool, IReadOnlyList<bool> poolLabels, IReadOnlyList<SparseVector> test,
        IReadOnlyList<bool> testLabels, int features)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(poolLabels);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (pool.Count != poolLabels.Count) throw new ArgumentException("Need one label per pool item.", nameof(poolLabels));
        if (test.Count != testLabels.Count || test.Count == 0) throw new ArgumentException("Need one label per test item, at least one item.", nameof(testLabels));
        if (!poolLabels.Contains(true) || !poolLabels.Contains(false))
        {
            throw new ArgumentException("The pool needs at least one shortlisted and one rejected item.", nameof(poolLabels));
        }

        Pool = pool;
        PoolLabels = poolLabels;
        Test = test;
        TestLabels = testLabels;
        Features = features;
    }

    /// <summary>The items a reviewer can be asked about.</summary>
    public IReadOnlyList<SparseVector> Pool { get; }

    /// <summary>The simulated reviewer's answer for each pool item: true = shortlist.</summary>
    public IReadOnlyList<bool> PoolLabels { get; }

    /// <summary>The held-out items every model is measured on; none of them is in the pool.</summary>
    public IReadOnlyList<SparseVector> Test { get; }

    /// <summary>The true label of each test item.</summary>
    public IReadOnlyList<bool> TestLabels { get; }

    /// <summary>Dimension of the vectors.</summary>
    public int Features { get; }
}
