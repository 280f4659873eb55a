using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TalentFlow.Hosting.Diagnostics;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Diagnostics;

public interface IStatsProbeGrain : IGrainWithStringKey
{
    Task OkAsync();

    Task FailAsync();

    Task<T> EchoAsync<T>(T value);
}

public sealed class StatsProbeGrain : Grain, IStatsProbeGrain
{
    public Task OkAsync() => Task.Delay(5);

    public Task FailAsync() => throw new InvalidOperationException("probe");

    public Task<T> EchoAsync<T>(T value) => Task.FromResult(value);
}

public sealed class MethodStatisticsTests
{
    [Fact]
    public async Task Invoke_CallsAndFailures_AreCountedPerMethodWithTheirTime()
    {
        var builder = new InProcessTestClusterBuilder(1).WithTestWire();
        builder.ConfigureSilo((_, silo) => silo.AddTalentFlowOrleans(o => o.Apply().ConfigureClustering = false));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IStatsProbeGrain>("s");

        for (int i = 0; i < 5; i++) await grain.OkAsync();
        for (int i = 0; i < 2; i++) await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync());
        Assert.Equal(7, await grain.EchoAsync(7));
        Assert.Equal("seven", await grain.EchoAsync("seven"));

        var rows = cluster.Silos[0].SiloHost.Services.GetRequiredService<GrainCallStatistics>().Snapshot()
            .Where(s => s.Interface == nameof(IStatsProbeGrain)).ToList();
        var stats = rows.ToDictionary(s => s.Method); // one row per method: a generic method's type arguments share it
        Assert.Equal(2L, Assert.Single(rows, s => s.Method.StartsWith("EchoAsync", StringComparison.Ordinal)).Calls);
        Assert.Equal((5L, 0L), (stats["OkAsync"].Calls, stats["OkAsync"].Failures));
        Assert.Equal((2L, 2L), (stats["FailAsync"].Calls, stats["FailAsync"].Failures));
        Assert.InRange(stats["OkAsync"].MeanMilliseconds, 4, 1000);
        Assert.True(stats["OkAsync"].MaxMilliseconds >= stats["OkAsync"].MeanMilliseconds);
    }

    [Fact]
    public async Task Record_ManyThreadsOnOneMethod_SumsEveryCallExactly()
    {
        var counters = new MethodCallCounters("IProbe", "Ping");
        long tick = System.Diagnostics.Stopwatch.Frequency / 1000; // 1 ms

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++) counters.Record(tick * (1 + (i % 3)), failed: i % 100 == 0);
        })));

        var stats = counters.ToStatistics();
        Assert.Equal((80_000L, 800L), (stats.Calls, stats.Failures));
        Assert.Equal(80_000L, stats.HistogramMicros.Sum());
        Assert.InRange(stats.MeanMilliseconds, 1.99, 2.01);
        Assert.InRange(stats.MaxMilliseconds, 2.99, 3.01);
        Assert.InRange(MethodStatistics.Quantile(stats.HistogramMicros, 0.99), 2_800, 3_200);
    }
}
