using TalentFlow.Contracts.Users;
using TalentFlow.Grains.Recommendations;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Users;

/// <summary>
/// Says why a job was recommended, from what the content model actually scored: the piece of the user's own text (a position of
/// interest, a past title, a job they interacted with) whose title match with the job is highest, and the place bonus.
/// </summary>
internal sealed class RecommendationReasons
{
    private readonly ContentModel _model;
    private readonly List<(string Reason, TermVector Vector)> _sources = [];

    public RecommendationReasons(ContentModel model, UserProfile? profile, IReadOnlyList<StoredInteraction> interactions)
    {
        _model = model;
        foreach (var position in profile?.PositionsOfInterest ?? []) Add($"title matches your interest in '{position.Trim()}'", position);
        foreach (var title in profile?.PastTitles ?? []) Add($"title matches your past title '{title.Trim()}'", title);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = interactions.Count - 1; i >= 0; i--)
        {
            var stored = interactions[i];
            if (seen.Add(stored.Interaction.JobId)) Add($"similar to '{stored.Title}' you {stored.Interaction.Kind}", stored.Title);
        }
    }

    public IReadOnlyList<string> For(CatalogHit hit)
    {
        var reasons = new List<string>(2);
        if (hit.Text > 0)
        {
            var job = _model.Vectorize(hit.Job.Title);
            (string? reason, float best) = (null, 0f);
            foreach (var (text, vector) in _sources)
            {
                float similarity = vector.Dot(job);
                if (similarity > best) (reason, best) = (text, similarity);
            }
            if (reason is not null) reasons.Add(reason);
        }
        if (hit.SameCity) reasons.Add($"in {hit.Job.City}{(hit.Job.State.Length > 0 ? ", " + hit.Job.State : "")}, a city you live in or looked at");
        else if (hit.SameState) reasons.Add($"in {hit.Job.State}, a state you live in or looked at");
        if (reasons.Count == 0) reasons.Add("no title or place match with your profile: shown to fill the list");
        return reasons;
    }

    private void Add(string reason, string text)
    {
        if (!string.IsNullOrWhiteSpace(text)) _sources.Add((reason, _model.Vectorize(text)));
    }
}
