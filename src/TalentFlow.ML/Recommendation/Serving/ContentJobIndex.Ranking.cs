namespace TalentFlow.ML.Recommendation.Serving;

public sealed partial class ContentJobIndex
{
    /// <summary>A title as <c>viewed_position</c> compares it: trimmed, lower-cased.</summary>
    public static string TitleKey(string? title) => title?.Trim().ToLowerInvariant() ?? "";

    /// <summary>A company as <c>last_view_company</c> compares it: trimmed, lower-cased; empty when unknown.</summary>
    public static string CompanyKey(string? company) => company?.Trim().ToLowerInvariant() ?? "";

    /// <summary>
    /// The content ranking's best <see cref="IJobPairRanker.Candidates"/> jobs re-ranked by <paramref name="ranker"/>: the
    /// best <paramref name="top"/> by its logit (which becomes <see cref="ContentHit.Score"/>), ties broken by ordinal job id,
    /// so partitions' answers still merge exactly (each partition re-ranks its own content top, a superset of its share of
    /// the global one).
    /// </summary>
    /// <param name="query">The user's content query.</param>
    /// <param name="signals">The user's side of the ranker's features.</param>
    /// <param name="ranker">The learned ranking.</param>
    /// <param name="featureMap">The ranker's features as indices into <see cref="JobRankingFeatures.Names"/> (<see cref="JobRankingFeatures.Map"/>).</param>
    /// <param name="top">How many to return.</param>
    public List<ContentHit> Search(ContentQuery query, RankingSignals signals, IJobPairRanker ranker, int[] featureMap, int top)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(featureMap);
        var candidates = Search(query, Math.Max(top, ranker.Candidates));
        int lastCity = Lookup(_cityIds, signals.LastCity), lastState = Lookup(_stateIds, signals.LastState), lastCompany = Lookup(_companyIds, signals.LastCompany);
        Span<float> all = stackalloc float[JobViews.JobViewsPairFeatures.Count];
        Span<float> features = featureMap.Length <= 32 ? stackalloc float[featureMap.Length] : new float[featureMap.Length];
        var ranked = new List<ContentHit>(candidates.Count);
        foreach (var hit in candidates)
        {
            int j = _slots[hit.JobId];
            var vector = _vectors[j];
            float recent = 0;
            foreach (var r in signals.Recent) recent = Math.Max(recent, r.Dot(vector));
            all[0] = (float)hit.Text;
            all[1] = hit.SameState ? 1 : 0;
            all[2] = hit.SameCity ? 1 : 0;
            all[3] = signals.Last is { } last ? last.Dot(vector) : 0;
            all[4] = lastCity > 0 && _cities[j] == lastCity ? 1 : 0;
            all[5] = signals.Interest.Dot(vector);
            all[6] = signals.Viewed.Dot(vector);
            all[7] = recent;
            all[8] = signals.ViewedTitles.Contains(_titleKeys[j]) ? 1 : 0;
            all[9] = 0;
            all[10] = lastCompany > 0 && _companies[j] == lastCompany ? 1 : 0;
            all[11] = lastState > 0 && _states[j] == lastState ? 1 : 0;
            for (int f = 0; f < featureMap.Length; f++) features[f] = all[featureMap[f]];
            ranked.Add(hit with { Score = ranker.Logit(features) });
        }
        ranked.Sort(Compare);
        if (ranked.Count > top) ranked.RemoveRange(top, ranked.Count - top);
        return ranked;
    }

    private static int Lookup(Dictionary<string, int> ids, string key) => key.Length > 0 && ids.TryGetValue(key, out int id) ? id : 0;
}
