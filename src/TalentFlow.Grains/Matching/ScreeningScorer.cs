using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// A version of the screening model a silo serves: the calibrated probability that a reviewer shortlists a candidate for a
/// job. Each side is prepared once (the job's by its grain, the resume's per screening) and a pair only combines two halves.
/// The one number behind a result's score, the ranking, the histogram and the review queue.
/// </summary>
public abstract class ScreeningScorer
{
    /// <summary>The registry version (the <c>screening_model</c> entry of <see cref="CandidateMatch.ModelVersions"/>).</summary>
    public abstract string Version { get; }

    /// <summary>The threshold the model was calibrated for; a job that sets none decides with it.</summary>
    public abstract double DefaultThreshold { get; }

    /// <summary>The job's half of the features, from its title, description, requirements and required skills.</summary>
    public abstract ValueTask<object> PrepareJobAsync(TalentFlow.ML.Screening.ScreeningJob job, CancellationToken cancellationToken);

    /// <summary>The resume's half of the features.</summary>
    public abstract ValueTask<object> PrepareResumeAsync(string resumeText, CancellationToken cancellationToken);

    /// <summary>P(shortlist) of the pair, in [0, 1]; <paramref name="jobId"/> selects the job's learned offset, when it has one.</summary>
    /// <param name="job">What <see cref="PrepareJobAsync"/> returned.</param>
    /// <param name="resume">What <see cref="PrepareResumeAsync"/> returned.</param>
    /// <param name="jobId">The job.</param>
    public abstract double Probability(object job, object resume, string jobId);

    /// <summary>The bytes the registry stores for this version (what <c>ScreeningModelKind</c> reads back).</summary>
    public abstract byte[] ToArtifact();

    /// <summary>Its held-out metrics, as the registry lists them (empty when it has none).</summary>
    public virtual IReadOnlyDictionary<string, double> Metrics { get; } = new Dictionary<string, double>();

    /// <summary>What it was trained on, as a fingerprint of the training data; null when unknown.</summary>
    public virtual string? DataFingerprint => null;

    /// <summary>How it was made, for the registry (algorithm, features, seed).</summary>
    public virtual IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();
}
