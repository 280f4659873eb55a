using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TalentFlow.Hosting.Diagnostics;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Diagnostics;

public sealed class TalentFlowMetricsTests
{
    /// <summary>Every measurement of the <c>TalentFlow</c> meter made by one meter factory (so parallel tests do not mix).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public Recorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TalentFlowMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _listener.Start();
        }

        public List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = [];

        public void Collect() => _listener.RecordObservableInstruments();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (Measurements) Measurements.Add((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
        }

        public void Dispose() => _listener.Dispose();
    }

    private static (ServiceProvider Services, TalentFlowMetrics Metrics) CreateSut()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return (services, new TalentFlowMetrics(services.GetRequiredService<IMeterFactory>()));
    }

    [Fact]
    public void UploadScreened_TwoUploads_CountsEachByDecisionAndRecordsSeconds()
    {
        var (services, metrics) = CreateSut();
        using var _ = services;
        using var recorder = new Recorder(services.GetRequiredService<IMeterFactory>());

        metrics.UploadScreened("SHORTLIST", TimeSpan.FromMilliseconds(250));
        metrics.UploadScreened("REJECT", TimeSpan.FromSeconds(2));

        var uploads = recorder.Measurements.Where(m => m.Instrument == "talentflow.screening.uploads").ToList();
        Assert.Equal(["SHORTLIST", "REJECT"], uploads.Select(m => m.Tags["talentflow.decision"]));
        Assert.All(uploads, m => Assert.Equal(1, m.Value));
        Assert.Equal([0.25, 2.0], recorder.Measurements.Where(m => m.Instrument == "talentflow.screening.duration").Select(m => m.Value));
    }

    [Fact]
    public void TrainingJobEnded_OneJob_CountsItByModelAndOutcome()
    {
        var (services, metrics) = CreateSut();
        using var _ = services;
        using var recorder = new Recorder(services.GetRequiredService<IMeterFactory>());

        metrics.TrainingJobEnded("screening", "failed");

        var job = Assert.Single(recorder.Measurements, m => m.Instrument == "talentflow.training.jobs");
        Assert.Equal((1.0, "screening", "failed"), (job.Value, job.Tags["talentflow.model"], job.Tags["talentflow.outcome"]));
    }

    [Fact]
    public async Task GrainCalls_OnASilo_AreObservedPerMethodWhenCollected()
    {
        var builder = new InProcessTestClusterBuilder(1).WithTestWire();
        builder.ConfigureSilo((_, silo) => silo.AddTalentFlowOrleans(o => o.Apply().ConfigureClustering = false));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var siloServices = cluster.Silos[0].SiloHost.Services;
        using var recorder = new Recorder(siloServices.GetRequiredService<IMeterFactory>());
        _ = siloServices.GetRequiredService<TalentFlowMetrics>();
        var grain = cluster.Client.GetGrain<IStatsProbeGrain>("metrics");

        for (int i = 0; i < 3; i++) await grain.OkAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync());
        recorder.Collect();

        double Observed(string instrument, string method) => Assert.Single(recorder.Measurements,
            m => m.Instrument == instrument && (string?)m.Tags["rpc.service"] == nameof(IStatsProbeGrain) && (string?)m.Tags["rpc.method"] == method).Value;
        Assert.Equal(3, Observed("talentflow.grain.calls", "OkAsync"));
        Assert.Equal(0, Observed("talentflow.grain.call.failures", "OkAsync"));
        Assert.Equal(1, Observed("talentflow.grain.call.failures", "FailAsync"));
    }
}
