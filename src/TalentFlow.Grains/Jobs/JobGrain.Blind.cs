using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// Blind screening (<see cref="JobSettings.BlindScreening"/>): the resume is masked (<see cref="BlindMask"/>: the candidate's
/// name, contact details, addresses, photos' alt text, ages, dates of birth) before this job scores it, so the candidate's
/// cached features — made from the whole text — are not used; the features are made here from the masked text instead.
/// </summary>
public sealed partial class JobGrain
{
    private bool IsBlind => state.State.Settings?.BlindScreening == true;

    /// <summary>The candidate's resume as this job's reviewers and scorer see it: masked when screening blind.</summary>
    private async Task<(string Text, string Name)> ResumeForJobAsync(string candidateId, CancellationToken cancellationToken)
    {
        string text = await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId).GetTextAsync(cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Candidate '{candidateId}' does not exist.");
        var profile = await GrainFactory.GetGrain<ICandidateGrain>(candidateId).GetProfileAsync(cancellationToken).ConfigureAwait(true);
        string name = profile?.Name ?? candidateId;
        return IsBlind ? (BlindMask.Mask(text, name), BlindMask.Pseudonym(candidateId)) : (text, name);
    }

    /// <summary>Explains the masked resume with the models the candidate's A/B arm names, as the candidate's features would be.</summary>
    private async Task<CandidateMatch> ExplainBlindAsync(string candidateId, string masked, CancellationToken cancellationToken)
    {
        var model = models.ArmOf(candidateId).Baseline;
        var scorer = models.ScorerFor(model.Version, candidateId);
        var encoder = models.Encoder;
        var embedding = encoder is null ? null : (await encoder.Encoder.EmbedAsync([masked], cancellationToken).ConfigureAwait(true))[0];
        var scorerSide = scorer is null ? null : await scorer.Extractor.PrepareResumeAsync(masked, cancellationToken).ConfigureAwait(true);
        var candidate = new CandidateFeatures(model.Version, model.Matcher.Prepare(masked), encoder?.Version, embedding, scorerSide);
        var job = await GetFeaturesAsync(model.Version, encoder?.Version, scorer?.Version, cancellationToken).ConfigureAwait(true);
        return MatchComputation.Score(candidateId, this.GetPrimaryKeyString(), candidate, job, model, scorer);
    }
}
