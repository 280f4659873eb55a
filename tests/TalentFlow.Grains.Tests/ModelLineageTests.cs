using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Tests;

/// <summary>A trained version's lineage: the feedback items it learned from, the gate's verdict, and the decisions it made.</summary>
public sealed class ModelLineageTests
{
    private const string Baseline = MatchingModels.BaselineModelName;

    [Fact]
    public async Task TrainedVersion_Lineage_HoldsItsFeedbackItemsAndTheDecisionsItMade()
    {
        // Two silos: lineage records and pages cross the wire when the lineage grain lives on the other one.
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        await TrainingTestCluster.LabelAsync(cluster, 24);
        // One verdict given again by a named reviewer: the lineage keeps who gave the verdict that counted.
        var job0 = SampleCorpus.Jobs()[0];
        var person0 = SampleCorpus.Candidates(24, seed: 11)[0];
        await cluster.GrainFactory.GetGrain<IJobReviewGrain>(job0.Id).SubmitFeedbackAsync(person0.Id, new ReviewerFeedback("shortlist", Reviewer: "rita"));
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var registry = ModelRegistries.Of(cluster.GrainFactory, Baseline);

        var job = await TrainingTestCluster.TrainAsync(coordinator, Baseline);
        Assert.True(job.Status == "succeeded", job.Message);
        var lineage = cluster.GrainFactory.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(Baseline, job.Version!));
        var trainingSet = await lineage.GetTrainingSetAsync(1000);

        // 24 candidates, each screened and judged on two jobs: 48 feedback items, split by candidate.
        Assert.Equal(48, trainingSet.Total);
        Assert.Equal(48, trainingSet.Items.Count);
        Assert.Equal(job.Metrics["train_samples"] + job.Metrics["test_samples"], trainingSet.Total);
        Assert.Equal((int)job.Metrics["test_samples"], trainingSet.Items.Count(i => i.HeldOut));
        var labelled = new Dictionary<string, LabelledResult>(StringComparer.Ordinal);
        foreach (var id in await coordinator.GetJobsWithVerdictsAsync())
        {
            foreach (var l in await cluster.GrainFactory.GetGrain<IJobReviewGrain>(id).GetLabelledResultsAsync()) labelled[l.ResultId] = l;
        }
        Assert.All(trainingSet.Items, i =>
        {
            Assert.Equal(ScreeningResult.IdOf(i.JobId, i.CandidateId), i.ResultId);
            Assert.Equal(labelled[i.ResultId].Positive ? "shortlist" : "reject", i.Label);
        });
        var rita = Assert.Single(trainingSet.Items, i => i.Reviewer is not null);
        Assert.Equal(("rita", job0.Id, person0.Id, "shortlist"), (rita.Reviewer!, rita.JobId, rita.CandidateId, rita.Label));

        // The registration and the gate's verdict are in the history, by the trainer and the gate.
        var history = await registry.GetHistoryAsync(100);
        var registered = history.Single(e => e.Kind == RegistryEventKinds.Registered);
        Assert.Equal((job.Version, "Staging", RegistryChange.TrainerActor), (registered.Version, registered.Stage, registered.Actor));
        Assert.Single(history, e => e.Version == job.Version && e.Actor == RegistryChange.GateActor && e.Kind is RegistryEventKinds.Promoted or RegistryEventKinds.GateRejected);

        // Served, the version's screenings are its decisions.
        if (await registry.GetProductionAsync() != job.Version) await registry.PromoteAsync(job.Version!, new RegistryChange("alice", "serve it"));
        var person1 = SampleCorpus.Candidates(24, seed: 11)[1];
        var screened = await cluster.GrainFactory.GetGrain<IJobGrain>(job0.Id).ScreenAsync(person1.Id);
        Assert.Equal(job.Version, screened.ModelVersions[Baseline]);
        var decisions = await lineage.GetDecisionsAsync(10);

        var decision = Assert.Single(decisions.Items);
        Assert.Equal(1, decisions.Total);
        Assert.Equal((screened.Id, screened.JobId, screened.CandidateId, screened.Decision, screened.Score), (decision.ResultId, decision.JobId, decision.CandidateId, decision.Decision, decision.Score));
        // The built-in version that scored the labelled screenings before made those decisions, not this one.
        var builtin = await cluster.GrainFactory.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(Baseline, GrainsSiloBuilderExtensions.BuiltinBaselineVersion)).GetDecisionsAsync(0);
        Assert.Equal(48, builtin.Total);
    }
}
