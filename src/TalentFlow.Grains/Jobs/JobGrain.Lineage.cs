using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Jobs;

/// <summary>A screening is a decision of every model version that scored it: each version's lineage index gets it.</summary>
public sealed partial class JobGrain
{
    private Task RecordDecisionsAsync(ScreeningResult result, CancellationToken cancellationToken)
    {
        if (result.ModelVersions.Count == 0) return Task.CompletedTask;
        var decision = new ModelDecision(result.Id, result.JobId, result.CandidateId, result.Decision, result.Score, result.CreatedAt);
        return Task.WhenAll(result.ModelVersions.Select(p =>
            GrainFactory.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(p.Key, p.Value)).RecordDecisionAsync(decision, cancellationToken)));
    }
}
