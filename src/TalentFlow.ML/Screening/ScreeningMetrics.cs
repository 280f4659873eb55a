using System.Globalization;
using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Screening;

/// <summary>How well calibrated probabilities and their shortlist decisions agree with labels.</summary>
/// <param name="Pairs">Labelled pairs.</param>
/// <param name="Positives">Shortlisted by the labels.</param>
/// <param name="Shortlisted">Shortlisted by the decisions (probability ≥ threshold).</param>
/// <param name="RocAuc">ROC-AUC of the probabilities (NaN with one class only).</param>
/// <param name="F1">F1 of the decisions.</param>
/// <param name="Precision">Precision of the decisions.</param>
/// <param name="Recall">Recall of the decisions.</param>
/// <param name="Accuracy">Accuracy of the decisions.</param>
/// <param name="LogLoss">Mean negative log-likelihood of the labels.</param>
/// <param name="Brier">Mean squared error of the probabilities.</param>
/// <param name="Threshold">The decision threshold.</param>
public sealed record ScreeningMetrics(int Pairs, int Positives, int Shortlisted, double RocAuc, double F1, double Precision, double Recall, double Accuracy,
    double LogLoss, double Brier, double Threshold)
{
    /// <summary>Metrics of <paramref name="probabilities"/> against <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or no pair.</exception>
    public static ScreeningMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count || labels.Count == 0) throw new ArgumentException("Need one label per probability, at least one.");
        var p = probabilities.ToArray();
        var y = labels.Select(l => l ? 1.0 : 0.0).ToArray();
        var binary = BinaryMetrics.AtThreshold(p, y, threshold);
        double logLoss = 0, brier = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            logLoss -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
            brier += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return new ScreeningMetrics(p.Length, labels.Count(l => l), binary.TruePositives + binary.FalsePositives,
            ClassificationMetrics.RocAuc(p, [.. labels]), binary.F1, binary.Precision, binary.Recall, binary.Accuracy, logLoss / p.Length, brier / p.Length, threshold);
    }

    /// <summary>The metrics by snake_case name, rounded to 4 digits (what a model artifact and a registry keep).</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["pairs"] = Pairs, ["positives"] = Positives, ["shortlisted"] = Shortlisted, ["roc_auc"] = Round(RocAuc), ["f1"] = Round(F1),
        ["precision"] = Round(Precision), ["recall"] = Round(Recall), ["accuracy"] = Round(Accuracy), ["log_loss"] = Round(LogLoss),
        ["brier"] = Round(Brier), ["threshold"] = Round(Threshold),
    };

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"pairs {Pairs}, positives {Positives}, shortlisted {Shortlisted}, AUC {RocAuc:F3}, F1 {F1:F3} (P {Precision:F3}, R {Recall:F3}) at {Threshold:F3}, log-loss {LogLoss:F3}, Brier {Brier:F3}");

    private static double Round(double x) => double.IsFinite(x) ? Math.Round(x, 4) : -1;
}
