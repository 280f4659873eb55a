namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>Splitting a pass over examples, units or filters between threads.</content>
internal sealed partial class ConvFmNetwork<T>
{
    private int Workers => Options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Options.MaxDegreeOfParallelism;

    /// <summary>
    /// Runs <paramref name="body"/> on contiguous ranges covering [0, count). Callers partition by the index that owns the
    /// output (an example's row, a unit's column, a filter), so every value is summed by one thread in one order and the
    /// result does not depend on the number of threads.
    /// </summary>
    private void For(int count, Action<int, int> body)
    {
        var workers = Math.Min(Workers, count);
        if (workers <= 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, workers, w => body((int)((long)count * w / workers), (int)((long)count * (w + 1) / workers)));
    }
}
