using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Review;

/// <summary>One reviewed result: each reviewer's latest label and the model's recommendation.</summary>
/// <param name="Id">The result.</param>
/// <param name="Labels">Reviewer → label (one per reviewer).</param>
/// <param name="ModelLabel">What the model recommended, in the same label set.</param>
public sealed record ReviewUnit(string Id, IReadOnlyDictionary<string, string> Labels, string ModelLabel);

/// <summary>Agreement among a group's reviewers and with the model.</summary>
/// <param name="Reviewers">Distinct reviewers.</param>
/// <param name="PairedUnits">Results with labels from two or more reviewers (the ones agreement is measured on).</param>
/// <param name="Method"><c>cohen_kappa</c> when exactly two reviewers labelled the paired results, <c>krippendorff_alpha</c> for more, null when nothing is paired.</param>
/// <param name="Value">The chosen coefficient (NaN when the labels show no variation).</param>
/// <param name="Kappa">Cohen's κ over the results both reviewers labelled, when there are exactly two.</param>
/// <param name="Alpha">Krippendorff's α (nominal) over every paired result.</param>
/// <param name="ObservedAgreement">Share of agreeing reviewer pairs within paired results.</param>
/// <param name="ModelVerdicts">Reviewer verdicts compared with the model.</param>
/// <param name="ModelAgreement">Share of verdicts equal to the model's recommendation (NaN when none).</param>
/// <param name="ModelKappa">Cohen's κ between the verdicts and the model's recommendations (NaN when undefined).</param>
public sealed record AgreementSummary(
    int Reviewers, int PairedUnits, string? Method, double Value, double? Kappa, double? Alpha, double ObservedAgreement,
    int ModelVerdicts, double ModelAgreement, double ModelKappa);

/// <summary>One reviewer's agreement with the other reviewers and with the model.</summary>
/// <param name="Reviewer">The reviewer.</param>
/// <param name="Reviews">Results they labelled.</param>
/// <param name="PeerComparisons">Pairs (their label, another reviewer's label on the same result).</param>
/// <param name="PeerAgreement">Share of those pairs that agree (NaN when none).</param>
/// <param name="PeerKappa">Cohen's κ over those pairs (NaN when undefined).</param>
/// <param name="ModelAgreement">Share of their labels equal to the model's recommendation.</param>
/// <param name="ModelKappa">Cohen's κ between their labels and the model's (NaN when undefined).</param>
public sealed record ReviewerSummary(
    string Reviewer, int Reviews, int PeerComparisons, double PeerAgreement, double PeerKappa, double ModelAgreement, double ModelKappa);

/// <summary>
/// Agreement over reviewed results, with <see cref="RaterAgreement"/>'s coefficients: Cohen's κ when two reviewers, Krippendorff's
/// α (nominal, missing labels allowed) for more; and each reviewer against their peers (κ over the pooled pairs of their label
/// and a peer's on the same result) and against the model (κ over their label and the model's recommendation).
/// </summary>
public static class ReviewAgreement
{
    /// <summary>The group's agreement over <paramref name="units"/>.</summary>
    public static AgreementSummary Summarize(IReadOnlyList<ReviewUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var paired = units.Where(u => u.Labels.Count >= 2).ToList();
        var pairedReviewers = paired.SelectMany(u => u.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int reviewers = units.SelectMany(u => u.Labels.Keys).Distinct(StringComparer.Ordinal).Count();
        double? alpha = paired.Count > 0 ? RaterAgreement.KrippendorffAlpha(paired.Select(u => (IReadOnlyList<string>)[.. u.Labels.Values])) : null;
        double? kappa = null;
        if (pairedReviewers.Count == 2)
        {
            var both = paired.Where(u => u.Labels.ContainsKey(pairedReviewers[0]) && u.Labels.ContainsKey(pairedReviewers[1])).ToList();
            kappa = RaterAgreement.CohensKappa([.. both.Select(u => u.Labels[pairedReviewers[0]])], [.. both.Select(u => u.Labels[pairedReviewers[1]])]);
        }
        string? method = paired.Count == 0 ? null : kappa is not null ? "cohen_kappa" : "krippendorff_alpha";
        double value = kappa ?? alpha ?? double.NaN;

        long pairs = 0, agreeing = 0;
        foreach (var unit in paired)
        {
            var labels = unit.Labels.Values.ToList();
            for (int i = 0; i < labels.Count; i++)
            {
                for (int j = i + 1; j < labels.Count; j++)
                {
                    pairs++;
                    if (labels[i] == labels[j]) agreeing++;
                }
            }
        }
        var verdicts = units.SelectMany(u => u.Labels.Values.Select(l => (Label: l, Model: u.ModelLabel))).ToList();
        return new AgreementSummary(reviewers, paired.Count, method, value, kappa, alpha, pairs == 0 ? double.NaN : (double)agreeing / pairs,
            verdicts.Count, Share(verdicts), Kappa(verdicts));
    }

    /// <summary>Each reviewer's agreement with peers and the model over <paramref name="units"/>, by reviewer name.</summary>
    public static IReadOnlyList<ReviewerSummary> PerReviewer(IReadOnlyList<ReviewUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var names = units.SelectMany(u => u.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. names.Select(name => Of(name, units))];
    }

    /// <summary><paramref name="reviewer"/>'s agreement with peers and the model over <paramref name="units"/>.</summary>
    public static ReviewerSummary Of(string reviewer, IReadOnlyList<ReviewUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var peerPairs = new List<(string Label, string Model)>();
        var modelPairs = new List<(string Label, string Model)>();
        foreach (var unit in units)
        {
            if (!unit.Labels.TryGetValue(reviewer, out var mine)) continue;
            modelPairs.Add((mine, unit.ModelLabel));
            foreach (var (other, label) in unit.Labels)
            {
                if (other != reviewer) peerPairs.Add((mine, label));
            }
        }
        return new ReviewerSummary(reviewer, modelPairs.Count, peerPairs.Count, Share(peerPairs), Kappa(peerPairs), Share(modelPairs), Kappa(modelPairs));
    }

    private static double Share(List<(string Label, string Model)> pairs) =>
        pairs.Count == 0 ? double.NaN : (double)pairs.Count(p => p.Label == p.Model) / pairs.Count;

    private static double Kappa(List<(string Label, string Model)> pairs) =>
        pairs.Count == 0 ? double.NaN : RaterAgreement.CohensKappa([.. pairs.Select(p => p.Label)], [.. pairs.Select(p => p.Model)]);
}
