using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>A labelled result's id, <c>job|candidate</c>, taken apart.</summary>
internal static class LabelledResultIds
{
    /// <summary>The job and the candidate a labelled result is about.</summary>
    public static (string JobId, string CandidateId) Parts(this LabelledResult result)
    {
        int bar = result.ResultId.IndexOf('|', StringComparison.Ordinal);
        return (result.ResultId[..bar], result.ResultId[(bar + 1)..]);
    }

    /// <summary>The result's entry in a trained version's lineage.</summary>
    public static LineageItem Lineage(this LabelledResult result, bool heldOut)
    {
        var (jobId, candidateId) = result.Parts();
        return new LineageItem(result.ResultId, jobId, candidateId, result.Reviewer, result.Positive ? "shortlist" : "reject", heldOut);
    }
}
