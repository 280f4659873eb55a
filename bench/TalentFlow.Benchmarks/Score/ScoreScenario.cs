using System.Diagnostics;
using Orleans;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;
using TalentFlow.TestKit;

namespace TalentFlow.Benchmarks.Score;

/// <summary>
/// Issue 4's latency goal: scoring a cached candidate against a cached job on the same silo (p50 ≤ 1 ms). One silo with the
/// sample corpus loaded; every pair is scored once to warm the caches, then pairs are scored one at a time, in a loop.
/// </summary>
internal static class ScoreScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        int calls = args.Int("calls", 20_000);
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 1,
            ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(),
        });
        var grains = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        var candidates = SampleCorpus.Candidates();
        foreach (var job in jobs) await grains.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        foreach (var candidate in candidates) await grains.GetGrain<ICandidateGrain>(candidate.Id).UpsertResumeAsync(candidate.Resume);
        foreach (var job in jobs)
        {
            foreach (var candidate in candidates) await grains.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(candidate.Id);
        }

        var latencies = new LatencyRecorder();
        var total = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            var job = grains.GetGrain<IJobGrain>(jobs[i % jobs.Count].Id);
            string candidate = candidates[i / jobs.Count % candidates.Count].Id;
            long start = Stopwatch.GetTimestamp();
            await job.ScoreCandidateAsync(candidate);
            latencies.RecordSince(start);
        }
        double seconds = total.Elapsed.TotalSeconds;
        var score = latencies.Summary();
        var rank = await grains.GetGrain<IJobGrain>(jobs[0].Id).RankCandidatesAsync(10);
        long rankStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < 200; i++) rank = await grains.GetGrain<IJobGrain>(jobs[i % jobs.Count].Id).RankCandidatesAsync(10);
        double rankMicros = Stopwatch.GetElapsedTime(rankStart).TotalMicroseconds / 200;
        return new Dictionary<string, object>
        {
            ["score_p50_us"] = Math.Round(score.P50Ms * 1000, 1),
            ["score_p99_us"] = Math.Round(score.P99Ms * 1000, 1),
            ["scores_per_s"] = Math.Round(calls / seconds),
            ["rank_top10_mean_us"] = Math.Round(rankMicros, 1),
            ["candidates"] = candidates.Count,
            ["jobs"] = jobs.Count,
            ["calls"] = calls,
        };
    }
}
