using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Careers;
using TalentFlow.Grains.Candidates;
using TalentFlow.ML.Careers;

namespace TalentFlow.Grains.Careers;

/// <summary>
/// <see cref="ICareerAdvisorGrain"/>: a stateless worker on every silo over the silo's <see cref="CareerModels"/>. A query by
/// candidate id advises on the candidate's parsed profile (skills, job titles, degrees and fields of study). One query is
/// a few milliseconds of CPU, so it runs in the turn.
/// </summary>
[GrainType("career-advisor")]
[StatelessWorker]
public sealed class CareerAdvisorGrain(CareerModels models) : Grain, ICareerAdvisorGrain
{
    /// <inheritdoc />
    public async Task<CareerAdviceResult> RecommendAsync(CareerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TopK is < 1 or > CareerAdvisor.MaxTop) throw new ArgumentException($"top_k must be 1–{CareerAdvisor.MaxTop}.", nameof(query));
        if (string.IsNullOrWhiteSpace(query.Text) == string.IsNullOrWhiteSpace(query.CandidateId))
        {
            throw new ArgumentException("Give exactly one of text and candidate_id.", nameof(query));
        }

        string text = query.Text ?? await ProfileTextAsync(query.CandidateId!, cancellationToken).ConfigureAwait(true);
        var served = models.Current;
        var advice = served.Advisor.Recommend(text, query.TopK);
        return new CareerAdviceResult(
            [.. advice.Careers.Select(c => new RecommendedCareer(c.Career, Math.Round(c.Confidence, 4), c.SkillsToLearn,
                [.. c.Books.Select(b => new RecommendedBook(b.Title, b.Author))]))],
            advice.SkillsFound, served.Version, advice.IsSample, advice.OutOfDomain, advice.ConfidenceNote);
    }

    private async Task<string> ProfileTextAsync(string candidateId, CancellationToken cancellationToken)
    {
        var profile = await GrainFactory.GetGrain<ICandidateGrain>(candidateId).GetProfileAsync(cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Candidate '{candidateId}' not found.");
        var parts = profile.Skills
            .Concat(profile.Experience.Select(e => e.Title))
            .Concat(profile.Education.SelectMany(e => new[] { e.Degree, e.FieldOfStudy }))
            .Where(p => !string.IsNullOrWhiteSpace(p));
        var text = string.Join(". ", parts);
        return text.Length == 0 ? throw new ArgumentException($"Candidate '{candidateId}' has no skills, titles or degrees to advise on.") : text;
    }
}
