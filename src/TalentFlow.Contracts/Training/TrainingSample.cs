
namespace TalentFlow.Contracts.Training;

/// <summary>One labelled screening result as exported for training outside the cluster (seed 002's <c>export_training_data.py</c>).</summary>
/// <param name="ResultId">The screening result, <c>job|candidate</c>.</param>
/// <param name="JobId">The job.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="ResumeText">The candidate's resume text.</param>
/// <param name="JobDescription">The job's title and description.</param>
/// <param name="Label">1 when the reviewer said match, else 0.</param>
/// <param name="HumanDecision">The reviewer's <c>shortlist</c>/<c>reject</c>, when given.</param>
/// <param name="HumanScore">The reviewer's score in [0, 1], when given.</param>
/// <param name="Confidence">How sure the verdict is: 1 for a decision, |2·score − 1| for a score alone.</param>
/// <param name="ModelScore">The model's score when the result was screened.</param>
/// <param name="ModelDecision">The model's decision.</param>
/// <param name="NeedsRetraining">The reviewer disagreed with the model.</param>
/// <param name="Notes">The reviewer's notes.</param>
/// <param name="Reviewer">Who reviewed, when known.</param>
/// <param name="ReviewedAt">When the latest verdict was acknowledged.</param>
public sealed record TrainingSample(
    string ResultId, string JobId, string CandidateId, string ResumeText, string JobDescription, int Label, string? HumanDecision, double? HumanScore,
    double Confidence, double ModelScore, string ModelDecision, bool NeedsRetraining, string? Notes, string? Reviewer, DateTimeOffset ReviewedAt);

/// <summary>Which labelled results an export takes.</summary>
/// <param name="Status"><c>reviewed</c> (every labelled result; <c>completed</c> is the seed's name for it) or <c>disagreed</c> (only where the reviewer corrected the model).</param>
/// <param name="Days">Only verdicts acknowledged in the last this many days; null: all.</param>
/// <param name="MinConfidence">Only verdicts at least this sure (see <see cref="TrainingSample.Confidence"/>); 0: all.</param>
public sealed record TrainingSampleFilter(string Status = "reviewed", int? Days = null, double MinConfidence = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (Status is not ("reviewed" or "completed" or "disagreed")) throw new ArgumentException($"status must be reviewed (or completed) or disagreed, not '{Status}'.");
        if (Days is < 1) throw new ArgumentException("days must be at least 1.");
        if (double.IsNaN(MinConfidence) || MinConfidence is < 0 or > 1) throw new ArgumentException("min_confidence must be in [0, 1].");
    }
}
