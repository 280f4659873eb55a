namespace TalentFlow.ML.ActiveLearning;

/// <summary>Passive learning's baseline: the next items to review are drawn uniformly at random, without replacement.</summary>
public static class RandomSampling
{
    /// <summary>
    /// <paramref name="count"/> distinct positions in [0, <paramref name="available"/>) drawn from <paramref name="random"/>
    /// (a partial Fisher–Yates shuffle), in the order drawn; all of them when fewer are available.
    /// </summary>
    public static int[] Select(int available, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var positions = new int[available];
        for (var i = 0; i < available; i++) positions[i] = i;
        count = Math.Min(count, available);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, available);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        return positions[..count];
    }
}
