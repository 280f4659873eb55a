using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

/// <summary>Per-silo statistics: the HTTP endpoint the dashboard pulls from, and the <c>TalentFlow.Runtime</c> meter.</summary>
public sealed class StatisticsTests
{
    private static readonly HttpClient Http = new()
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static async Task<TestCluster> StartWithTrafficAsync(string key)
    {
        var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(1));
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        for (int i = 0; i < 10; i++) await counter.AddAsync(1);
        var thrower = cluster.GrainFactory.GetGrain<ITurnGrain>(key);
        for (int i = 0; i < 3; i++) await Assert.ThrowsAsync<ArgumentException>(() => thrower.ThrowAsync("no"));
        return cluster;
    }

    [Fact]
    public async Task StatsEndpoint_AfterCalls_CountsCallsErrorsLatencyAndActivations()
    {
        await using var cluster = await StartWithTrafficAsync("stats");
        var silo = cluster.Silos[0];

        using var response = await Http.GetAsync($"http://{silo.Endpoint}/rt/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(silo.Silo.Address!.ToString(), root.GetProperty("silo").GetString());
        Assert.Equal(1, root.GetProperty("activations_by_type").GetProperty("counter").GetInt32());
        var methods = root.GetProperty("methods").EnumerateArray().ToList();
        var add = methods.Single(m => m.GetProperty("method").GetString() == "AddAsync" && m.GetProperty("grain_type").GetString() == "counter");
        Assert.Equal(10, add.GetProperty("calls").GetInt64());
        Assert.Equal(0, add.GetProperty("errors").GetInt64());
        Assert.True(add.GetProperty("p50_micros").GetDouble() > 0);
        Assert.True(add.GetProperty("p99_micros").GetDouble() >= add.GetProperty("p50_micros").GetDouble());
        var thrown = methods.Single(m => m.GetProperty("method").GetString() == "ThrowAsync");
        Assert.Equal(3, thrown.GetProperty("calls").GetInt64());
        Assert.Equal(3, thrown.GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task StatsEndpoint_Read_ReportsTheProcessCpuMemoryGcAndThreadPool()
    {
        await using var cluster = await StartWithTrafficAsync("process");

        using var json = JsonDocument.Parse(await Http.GetStringAsync($"http://{cluster.Silos[0].Endpoint}/rt/stats"));
        var process = json.RootElement.GetProperty("process");

        Assert.InRange(process.GetProperty("cpu_percent").GetDouble(), 0, 100);
        Assert.True(process.GetProperty("working_set_bytes").GetInt64() > 1024 * 1024);
        Assert.True(process.GetProperty("gc_heap_bytes").GetInt64() > 0);
        Assert.True(process.GetProperty("gen0_collections").GetInt32() >= process.GetProperty("gen2_collections").GetInt32());
        Assert.True(process.GetProperty("thread_pool_threads").GetInt32() > 0);
        Assert.True(process.GetProperty("uptime_seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task RuntimeMeter_Observed_ReportsCallsAndErrorsTaggedBySiloAndMethod()
    {
        await using var cluster = await StartWithTrafficAsync("meter");
        string silo = cluster.Silos[0].Silo.Address!.ToString();
        var seen = new Dictionary<(string Instrument, string Method), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "TalentFlow.Runtime") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? siloTag = null, method = null, grainType = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "silo") siloTag = tag.Value as string;
                else if (tag.Key == "method") method = tag.Value as string;
                else if (tag.Key == "grain_type") grainType = tag.Value as string;
            }
            if (siloTag == silo && method is not null && grainType is "counter" or "turn") seen[(instrument.Name, method)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(10, seen[("talentflow.grain.calls", "AddAsync")]);
        Assert.Equal(3, seen[("talentflow.grain.errors", "ThrowAsync")]);
    }
}
