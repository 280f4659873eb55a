using System.Numerics.Tensors;
using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.ML.Scoring;

namespace TalentFlow.Grains.Matching;

/// <summary>A job's matching features in one model version, for whichever grain scores a pair.</summary>
/// <param name="ModelVersion">The baseline version that vectorized it.</param>
/// <param name="Document">Section vectors and skills of title + description.</param>
/// <param name="RequiredSkills">The posting's required skills (canonical).</param>
/// <param name="EncoderVersion">The encoder that made <paramref name="Embedding"/>, when one did.</param>
/// <param name="Embedding">Unit-length embedding of the posting.</param>
/// <param name="ScorerSide">The posting's half of the custom scorer's features, when this silo serves a scorer for this baseline version.</param>
/// <param name="Blind">The job screens blind: only the job may score a pair, from the masked resume (<c>JobGrain.ExplainBlindAsync</c>).</param>
public sealed record JobFeatures(
    string ModelVersion, TalentFlow.ML.Matching.PreparedDocument Document, IReadOnlyList<string> RequiredSkills, string? EncoderVersion = null, float[]? Embedding = null,
    ScorerSide? ScorerSide = null, bool Blind = false);

/// <summary>
/// Scores a candidate's features against a job's, both in the same baseline version: the one computation behind
/// <see cref="IJobGrain.ScoreCandidateAsync"/> and <see cref="ICandidateGrain.ScoreAgainstJobAsync"/>.
/// </summary>
internal static class MatchComputation
{
    public static CandidateMatch Score(string candidateId, string jobId, CandidateFeatures candidate, JobFeatures job, BaselineModel model, ScorerModel? scorer = null)
    {
        if (candidate.ModelVersion != model.Version || job.ModelVersion != model.Version)
        {
            throw new InvalidOperationException($"Features of model {candidate.ModelVersion} and {job.ModelVersion} cannot be scored with {model.Version}.");
        }
        var result = model.Matcher.Score(candidate.Document, job.Document, job.RequiredSkills.Count > 0 ? job.RequiredSkills : null);
        var versions = new Dictionary<string, string> { [MatchingModels.BaselineModelName] = model.Version };
        double? semantic = null;
        if (candidate is { EncoderVersion: { } encoderVersion, Embedding: { } candidateVector }
            && job.EncoderVersion == encoderVersion && job.Embedding is { } jobVector && jobVector.Length == candidateVector.Length)
        {
            semantic = Math.Round(TensorPrimitives.Dot(jobVector, candidateVector), 6);
            versions[MatchingModels.EncoderModelName] = encoderVersion;
        }
        string decision = result.Decision;
        double? probability = null;
        if (scorer is not null && scorer.AppliesTo(model.Version)
            && candidate.ScorerSide is { } resumeSide && job.ScorerSide is { } jobSide
            && resumeSide.EncoderVersion == scorer.EncoderVersion && jobSide.EncoderVersion == scorer.EncoderVersion)
        {
            // The calibrated probability that a reviewer calls this pair a match decides, so the threshold means something.
            probability = Math.Round(scorer.Scorer.Probability(MatchFeatureExtractor.Combine(result, resumeSide, jobSide)), 6);
            decision = probability >= scorer.ShortlistProbability ? "SHORTLIST" : "REJECT";
            versions[MatchingModels.ScorerModelName] = scorer.Version;
        }
        return new CandidateMatch(
            candidateId, jobId, Math.Round(result.Score, 6), decision, result.SectionScores, result.MatchedSkills, result.MissingSkills,
            versions, semantic, probability);
    }

    /// <summary>
    /// The model <paramref name="version"/> names; one this silo does not hold yet (the roll-out has not reached it, or it
    /// joined later) is loaded from the registry's stored artifact, so a pair is never refused during a swap.
    /// </summary>
    /// <exception cref="InvalidOperationException">The version is neither held here nor registered.</exception>
    public static async ValueTask<BaselineModel> ResolveAsync(MatchingModels models, IGrainFactory grains, string version, string who, CancellationToken cancellationToken)
    {
        if (models.TryGet(version, out var held)) return held;
        try
        {
            return await models.GetOrLoadAsync(version, async v =>
                (BaselineModel)await ModelLoader.LoadAsync(grains, ModelKindRegistry.Get(MatchingModels.BaselineModelName), v, CancellationToken.None).ConfigureAwait(false))
                .ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"{who} was vectorized by model {version}, which this silo does not hold and cannot load: {ex.Message}", ex);
        }
    }
}
