using System.Globalization;
using TalentFlow.ML.Metrics;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>What the <see cref="PromotionGate"/> found on the held-out verdicts.</summary>
/// <param name="Difference">ROC-AUC of the new version − production's.</param>
/// <param name="Lower">Lower end of the paired bootstrap interval of the difference.</param>
/// <param name="Upper">Upper end of it.</param>
/// <param name="AucCandidate">The new version's ROC-AUC.</param>
/// <param name="AucProduction">Production's ROC-AUC on the same verdicts.</param>
/// <param name="Promote">Whether the new version clears the bar.</param>
internal readonly record struct GateVerdict(double Difference, double Lower, double Upper, double AucCandidate, double AucProduction, bool Promote);

/// <summary>
/// The promotion gate every kind of training ends with: the paired bootstrap interval of the held-out ROC-AUC difference (new −
/// production, on the same held-out verdicts); promote when its lower end is above 0 (or, without
/// <see cref="TrainingOptions.RequireSignificantGain"/>, on any positive gain).
/// </summary>
internal sealed class PromotionGate(TrainingOptions options)
{
    /// <summary>
    /// Judges the new version's scores against production's on the same <paramref name="labels"/>. The bootstrap resamples
    /// whole <paramref name="candidates"/> (each verdict's candidate): one candidate's verdicts for several jobs are not
    /// independent, and resampling them one by one would make the interval too narrow.
    /// </summary>
    public async Task<GateVerdict> JudgeAsync(double[] candidateScores, double[] productionScores, bool[] labels, string[] candidates)
    {
        // CPU work off the grain's turn scheduler; the turn awaits it.
        var (difference, lower, upper) = await Task.Run(() => PairedBootstrap.RocAucDifference(
            candidateScores, productionScores, labels, candidates, options.BootstrapResamples, options.PromotionConfidence, seed: 0)).ConfigureAwait(true);
        double aucCandidate = ClassificationMetrics.RocAuc(candidateScores, labels);
        double aucProduction = ClassificationMetrics.RocAuc(productionScores, labels);
        return new GateVerdict(difference, lower, upper, aucCandidate, aucProduction, options.RequireSignificantGain ? lower > 0 : difference > 0);
    }

    /// <summary>A version's metrics, begun with the gate's figures (each kind adds its own).</summary>
    public Dictionary<string, double> Metrics(GateVerdict verdict) => new()
    {
        ["roc_auc"] = verdict.AucCandidate,
        ["production_roc_auc"] = verdict.AucProduction,
        ["auc_difference"] = verdict.Difference,
        ["auc_difference_lower"] = verdict.Lower,
        ["auc_difference_upper"] = verdict.Upper,
        ["promotion_confidence"] = options.PromotionConfidence,
    };

    /// <summary>The difference and its interval in words, for the outcome's message: <c>0.042 (95% interval [0.01, 0.07])</c>.</summary>
    public string Interval(GateVerdict verdict) =>
        string.Format(CultureInfo.InvariantCulture, "{0:0.###} ({1:0.#%} interval [{2:0.###}, {3:0.###}])",
            verdict.Difference, options.PromotionConfidence, verdict.Lower, verdict.Upper);
}
