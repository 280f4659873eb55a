using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Diagnostics;

namespace TalentFlow.Grains.Tests;

/// <summary>The coordinator counts each training job once, when its end is written (<c>talentflow.training.jobs</c>).</summary>
public sealed class TrainingJobMetricsTests
{
    [Fact]
    public async Task SaveAsync_JobSucceedsThenIsRefusedACancel_CountsOneSucceededJob()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var ended = new List<(string Model, string Outcome)>();
        var meters = cluster.Silos[0].Host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "talentflow.training.jobs" && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(k => k.Key, k => (string)k.Value!);
            lock (ended) ended.Add((t["talentflow.model"], t["talentflow.outcome"]));
        });
        listener.Start();
        await TrainingTestCluster.LabelAsync(cluster, 12);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        var finished = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);
        await Assert.ThrowsAsync<TrainingJobEndedException>(() => coordinator.CancelAsync(finished.Id));

        Assert.Equal("succeeded", finished.Status);
        lock (ended) Assert.Equal([(MatchingModels.BaselineModelName, "succeeded")], ended);
    }
}
