using System.Globalization;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// One score and one decision (issue 17): the served screening model's calibrated probability that a reviewer shortlists is
/// the pair's score; the decision compares it with the job's threshold (<see cref="JobSettings.ShortlistThreshold"/>, a
/// threshold derived from <see cref="JobSettings.TargetShortlistRate"/>, or the model's calibrated default), and the reason
/// says so in words. The baseline's similarities and skills stay as the explanation.
/// </summary>
internal static class ScreeningDecision
{
    /// <summary>Results of one model version a target shortlist rate needs before it sets the threshold.</summary>
    internal const int MinResultsForRate = 10;

    /// <summary>The explanation turned into the match: <paramref name="probability"/> is the score, decided against <paramref name="threshold"/>.</summary>
    public static CandidateMatch Decide(CandidateMatch explanation, double probability, double threshold, string scorerVersion)
    {
        bool shortlist = probability >= threshold;
        var versions = new Dictionary<string, string>(explanation.ModelVersions, StringComparer.Ordinal) { [ScreeningModels.ModelName] = scorerVersion };
        return explanation with
        {
            Score = probability,
            Decision = shortlist ? "SHORTLIST" : "REJECT",
            Similarity = explanation.Score,
            ShortlistThreshold = threshold,
            DecisionReason = Reason(probability, threshold, explanation.MatchedSkills, explanation.MissingSkills),
            ModelVersions = versions,
        };
    }

    /// <summary>The job's threshold for <paramref name="scorer"/>'s probabilities (see the class summary), from the job's earlier <paramref name="results"/>.</summary>
    public static double ThresholdFor(JobSettings? settings, IEnumerable<ScreeningResult> results, ScreeningScorer scorer)
    {
        if (settings?.ShortlistThreshold is { } threshold) return threshold;
        if (settings?.TargetShortlistRate is { } rate)
        {
            var scores = new List<double>();
            foreach (var r in results)
            {
                if (r.ModelVersions.GetValueOrDefault(ScreeningModels.ModelName) == scorer.Version) scores.Add(r.Score);
            }
            if (scores.Count >= MinResultsForRate)
            {
                scores.Sort(static (a, b) => b.CompareTo(a));
                int rank = Math.Clamp((int)Math.Ceiling(rate * scores.Count), 1, scores.Count);
                // Never 0: a score of 0 would shortlist everyone below the rate's cut too.
                return Math.Max(scores[rank - 1], 1e-6);
            }
        }
        return scorer.DefaultThreshold;
    }

    /// <summary>"probability 0.34 below the job's threshold 0.50; missing: Kubernetes; matched: Python".</summary>
    internal static string Reason(double probability, double threshold, IReadOnlyList<string> matched, IReadOnlyList<string> missing)
    {
        // Two decimals (three when the threshold has them); more when that would print two different numbers alike.
        string format = "0.00#";
        if (probability != threshold && Fmt(probability, format) == Fmt(threshold, format)) format = "0.00####";
        var reason = new System.Text.StringBuilder(
            $"probability {Fmt(probability, format)} {(probability >= threshold ? "at or above" : "below")} the job's threshold {Fmt(threshold, format)}");
        // The side that argues for the decision first.
        var (first, firstName, second, secondName) = probability >= threshold ? (matched, "matched", missing, "missing") : (missing, "missing", matched, "matched");
        if (first.Count > 0) reason.Append("; ").Append(firstName).Append(": ").AppendJoin(", ", first);
        if (second.Count > 0) reason.Append("; ").Append(secondName).Append(": ").AppendJoin(", ", second);
        return reason.ToString();

        static string Fmt(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
