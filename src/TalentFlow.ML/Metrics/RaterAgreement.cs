namespace TalentFlow.ML.Metrics;

/// <summary>
/// Agreement between reviewers on nominal labels (shortlist/reject, categories), corrected for chance: Cohen's κ for two
/// reviewers who labelled the same items, Krippendorff's α for any number of reviewers with missing labels. Both are
/// undefined (NaN) when the labels show no variation at all, since chance agreement is then certain.
/// </summary>
public static class RaterAgreement
{
    /// <summary>
    /// Cohen's κ = (p_o − p_e) / (1 − p_e): p_o the share of items both reviewers labelled alike, p_e the agreement expected
    /// from each reviewer's own label frequencies.
    /// </summary>
    /// <param name="first">The first reviewer's label per item.</param>
    /// <param name="second">The second reviewer's label for the same items, in the same order.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double CohensKappa<T>(IReadOnlyList<T> first, IReadOnlyList<T> second) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count) throw new ArgumentException("Both reviewers must label the same items.", nameof(second));
        if (first.Count == 0) throw new ArgumentException("No items.", nameof(first));

        var firstCounts = new Dictionary<T, int>();
        var secondCounts = new Dictionary<T, int>();
        int agreed = 0;
        for (int i = 0; i < first.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(first[i], second[i])) agreed++;
            firstCounts[first[i]] = firstCounts.GetValueOrDefault(first[i]) + 1;
            secondCounts[second[i]] = secondCounts.GetValueOrDefault(second[i]) + 1;
        }

        double n = first.Count;
        double observed = agreed / n;
        double expected = 0;
        foreach (var (label, count) in firstCounts)
        {
            expected += count / n * (secondCounts.GetValueOrDefault(label) / n);
        }
        return expected >= 1 ? double.NaN : (observed - expected) / (1 - expected);
    }

    /// <summary>
    /// Krippendorff's α for nominal labels: 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k over the coincidence matrix o
    /// (each unit's ordered pairs of labels weighted 1 / (m_u − 1)). Units with fewer than two labels cannot be paired and
    /// are left out.
    /// </summary>
    /// <param name="units">Per item, the labels its reviewers gave (any number; missing reviewers simply absent).</param>
    /// <exception cref="ArgumentException">No unit has two labels.</exception>
    public static double KrippendorffAlpha<T>(IEnumerable<IReadOnlyList<T>> units) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(units);
        // Off-diagonal coincidences and per-label totals are all the nominal metric needs.
        var totals = new Dictionary<T, double>();
        double disagreements = 0;
        double n = 0;
        foreach (var unit in units)
        {
            int m = unit.Count;
            if (m < 2) continue;
            var counts = new Dictionary<T, int>();
            foreach (var label in unit) counts[label] = counts.GetValueOrDefault(label) + 1;
            foreach (var (label, count) in counts)
            {
                // Ordered pairs (this label, another label) in the unit, weighted 1 / (m − 1).
                disagreements += (double)count * (m - count) / (m - 1);
                totals[label] = totals.GetValueOrDefault(label) + count;
            }
            n += m;
        }
        if (n == 0) throw new ArgumentException("No item has labels from two reviewers.", nameof(units));

        double sumSquares = 0;
        foreach (var total in totals.Values) sumSquares += total * total;
        double expectedPairs = n * n - sumSquares; // Σ_{c≠k} n_c·n_k
        return expectedPairs == 0 ? double.NaN : 1 - (n - 1) * disagreements / expectedPairs;
    }
}
