using TalentFlow.ML.Matching;

namespace TalentFlow.Grains;

/// <summary>
/// The stand-in screening model until the supervised one is served: a logistic of the baseline's score around its own
/// shortlist threshold, so that probability 0.5 decides as the baseline did.
/// </summary>
internal sealed class BaselineScreeningScorer(string version, BaselineMatcher matcher) : ScreeningScorer
{
    // How sharply the probability rises around the baseline's threshold (a 0.1 score gap moves it by ~0.2).
    private const double Slope = 8;

    public override string Version => version;

    public override double DefaultThreshold => 0.5;

    public override ValueTask<object> PrepareJobAsync(string jobText, CancellationToken cancellationToken) => ValueTask.FromResult<object>(matcher.Prepare(jobText));

    public override ValueTask<object> PrepareResumeAsync(string resumeText, CancellationToken cancellationToken) => ValueTask.FromResult<object>(matcher.Prepare(resumeText));

    public override double Probability(object job, object resume, string jobId)
    {
        var result = matcher.Score((PreparedDocument)resume, (PreparedDocument)job, null);
        return 1 / (1 + Math.Exp(-Slope * (result.Score - matcher.Options.ShortlistThreshold)));
    }

    public override byte[] ToArtifact()
    {
        using var stream = new MemoryStream();
        matcher.Save(stream);
        return stream.ToArray();
    }

    public override IReadOnlyDictionary<string, string> Parameters { get; } =
        new Dictionary<string, string> { ["algorithm"] = "logistic of the TF-IDF baseline's score around its shortlist threshold (stand-in)" };

    /// <summary>Reads what <see cref="ToArtifact"/> wrote.</summary>
    public static BaselineScreeningScorer Read(string version, byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        return new BaselineScreeningScorer(version, BaselineMatcher.Load(stream));
    }
}
