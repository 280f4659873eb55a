using System.Globalization;
using Orleans;
using TalentFlow.Contracts.Review;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Review;

namespace TalentFlow.Grains.Review;

/// <summary>
/// The review queue: which results still need reviewers (fewer than the job's overlap, not adjudicated, not yet labelled by
/// the caller) and in which order (<see cref="ReviewRanking"/>), each with the reason it is next.
/// </summary>
internal sealed class ReviewQueueBuilder(IGrainFactory grains, MatchingModels models, ScreeningModels screening, TimeProvider timeProvider)
{
    /// <summary>The next <paramref name="limit"/> results of <paramref name="ledger"/> by <paramref name="strategy"/>.</summary>
    public async Task<ReviewQueue> BuildAsync(ReviewLedger ledger, ReviewStrategy strategy, int limit, string? reviewer, CancellationToken cancellationToken)
    {
        var waiting = new List<(ReviewSubject Result, int Reviews)>();
        foreach (var entry in ledger.Entries)
        {
            if (entry.Subject is not { } result || entry.Review.Adjudication is not null) continue;
            var labels = ReviewLedger.LatestByReviewer(entry.Review);
            if (labels.Count >= ledger.Overlap) continue;
            if (reviewer is not null && labels.ContainsKey(reviewer)) continue;
            waiting.Add((result, labels.Count));
        }
        var byId = waiting.ToDictionary(w => w.Result.Id, StringComparer.Ordinal);
        string name = ReviewStrategies.NameOf(strategy);
        IReadOnlyList<ReviewQueueItem> items = strategy switch
        {
            ReviewStrategy.Uncertainty => [.. ReviewRanking.Uncertainty(waiting.Select(w => (w.Result.Id, DecisionValue(w.Result).Value, DecisionValue(w.Result).Threshold)), limit)
                .Select(r => Item(byId[r.Id], UncertaintyReason(byId[r.Id].Result, r.Key)))],
            ReviewStrategy.Disagreement => [.. ReviewRanking.Disagreement(waiting.Select(w => (w.Result.Id, (IReadOnlyDictionary<string, double>)ModelScores(w.Result))), limit)
                .Select(r => Item(byId[r.Id], DisagreementReason(byId[r.Id].Result, r.Key)))],
            ReviewStrategy.Oldest => [.. ReviewRanking.Oldest(waiting.Select(w => (w.Result.Id, w.Result.CreatedAt)), timeProvider.GetUtcNow(), limit)
                .Select(r => Item(byId[r.Id], new ReviewReason(name, $"waiting {Wait(r.Key)} since it was screened", WaitSeconds: Math.Round(r.Key, 3))))],
            _ => [.. (await DiversityAsync(ledger, waiting, limit, cancellationToken).ConfigureAwait(true))
                .Select(r => Item(byId[r.Id], DiversityReason(r)))],
        };
        return new ReviewQueue(ledger.JobId, name, ledger.Overlap, reviewer, waiting.Count, items);

        static ReviewQueueItem Item((ReviewSubject Result, int Reviews) w, ReviewReason reason) =>
            new(w.Result.Id, w.Result.CandidateId, w.Result.CandidateName, w.Result.Score, w.Result.Decision, w.Reviews, reason);
    }

    /// <summary>The number the decision compared and its threshold: the score and the job's threshold it was decided with.</summary>
    private (double Value, double Threshold, string Name) DecisionValue(ReviewSubject result) =>
        (result.Score, result.ShortlistThreshold ?? screening.Current.DefaultThreshold, "shortlist_threshold");

    private ReviewReason UncertaintyReason(ReviewSubject result, double distance)
    {
        var (value, threshold, name) = DecisionValue(result);
        return new ReviewReason(ReviewStrategies.NameOf(ReviewStrategy.Uncertainty),
            string.Create(CultureInfo.InvariantCulture, $"probability {value:0.000} is {distance:0.000} from the job's threshold {threshold:0.###}"),
            Threshold: name, ThresholdValue: threshold, Value: value, Distance: distance);
    }

    /// <summary>Every model score the result carries, by model name: the screening score and its explanations.</summary>
    private static Dictionary<string, double> ModelScores(ReviewSubject result)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { [ScreeningModels.ModelName] = result.Score };
        if (result.Similarity is { } similarity) scores[MatchingModels.BaselineModelName] = similarity;
        if (result.SemanticScore is { } semantic) scores[MatchingModels.EncoderModelName] = semantic;
        if (result.MatchProbability is { } probability) scores[MatchingModels.ScorerModelName] = probability;
        return scores;
    }

    private static ReviewReason DisagreementReason(ReviewSubject result, double spread)
    {
        var scores = ModelScores(result);
        string summary = scores.Count < 2
            ? "only one model scored it, so the models cannot disagree (spread 0)"
            : string.Create(CultureInfo.InvariantCulture, $"the models' scores spread {spread:0.000}: ")
              + string.Join(", ", scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.000}")));
        return new ReviewReason(ReviewStrategies.NameOf(ReviewStrategy.Disagreement), summary, ModelScores: scores, Spread: spread);
    }

    /// <summary>Greedy max-min over the candidates' embeddings in the current encoder version; reviewed = any result with a verdict.</summary>
    private async Task<IReadOnlyList<ReviewRank>> DiversityAsync(ReviewLedger ledger, List<(ReviewSubject Result, int Reviews)> waiting, int limit, CancellationToken cancellationToken)
    {
        var reviewedResults = ledger.Entries.Where(e => e.Subject is not null && e.Review.Verdicts.Count > 0).Select(e => e.Subject!).ToList();
        string? encoder = models.Encoder?.Version;
        var vectors = await Task.WhenAll(waiting.Select(w => w.Result).Concat(reviewedResults).Select(r => EmbeddingOfAsync(r.CandidateId, encoder, cancellationToken)))
            .ConfigureAwait(true);
        var candidates = new List<(string, float[]?)>(waiting.Count);
        for (int i = 0; i < waiting.Count; i++) candidates.Add((waiting[i].Result.Id, vectors[i]));
        var reviewed = new List<(string, float[])>(reviewedResults.Count);
        for (int i = 0; i < reviewedResults.Count; i++)
        {
            if (vectors[waiting.Count + i] is { } vector) reviewed.Add((reviewedResults[i].Id, vector));
        }
        return ReviewRanking.Diversity(candidates, reviewed, limit);
    }

    private async Task<float[]?> EmbeddingOfAsync(string candidateId, string? encoderVersion, CancellationToken cancellationToken)
    {
        if (encoderVersion is null) return null;
        var features = await grains.GetGrain<ICandidateFeaturesGrain>(candidateId).GetFeaturesAsync(models.Current.Version, cancellationToken).ConfigureAwait(true);
        return features is { EncoderVersion: { } version, Embedding: { } embedding } && version == encoderVersion ? embedding : null;
    }

    private static ReviewReason DiversityReason(ReviewRank rank)
    {
        string name = ReviewStrategies.NameOf(ReviewStrategy.Diversity);
        double? distance = double.IsPositiveInfinity(rank.Key) ? null : Math.Round(rank.Key, 6);
        double? similarity = rank.NearestSimilarity is { } s ? Math.Round(s, 6) : null;
        string summary;
        if (distance is null) summary = "nothing is reviewed yet: the result most like the others, to label first";
        else if (rank.NearestId is null && rank.NearestQueuedId is null) summary = "the candidate has no embedding in the current encoder version";
        else if (rank.NearestQueuedId is { } queued && rank.NearestId is null)
            summary = string.Create(CultureInfo.InvariantCulture, $"nothing is reviewed yet; the farthest (distance {distance:0.000}) from the results queued ahead, nearest {queued}");
        else if (rank.NearestQueuedId is { } nearer)
            summary = string.Create(CultureInfo.InvariantCulture,
                $"unlike the reviewed results (nearest {rank.NearestId}, similarity {similarity:0.000}) and those queued ahead (nearest {nearer}, distance {distance:0.000})");
        else summary = string.Create(CultureInfo.InvariantCulture, $"unlike anything reviewed: the nearest reviewed result is {rank.NearestId}, similarity {similarity:0.000}");
        return new ReviewReason(name, summary, Distance: distance, NearestReviewed: rank.NearestId, Similarity: similarity, NearestQueued: rank.NearestQueuedId);
    }

    private static string Wait(double seconds)
    {
        var wait = TimeSpan.FromSeconds(seconds);
        return wait.TotalDays >= 1 ? $"{(int)wait.TotalDays} d {wait.Hours} h"
            : wait.TotalHours >= 1 ? $"{(int)wait.TotalHours} h {wait.Minutes} min"
            : wait.TotalMinutes >= 1 ? $"{(int)wait.TotalMinutes} min {wait.Seconds} s"
            : $"{wait.Seconds} s";
    }
}
