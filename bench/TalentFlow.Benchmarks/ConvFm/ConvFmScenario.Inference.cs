using System.Diagnostics;
using TalentFlow.ML.Ranking;
using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.Benchmarks.ConvFm;

/// <content>
/// The precomputed <see cref="ConvFmScorer"/> beside the full network, in the same run: batched µs per prediction over the
/// catalog for the same users, one pair at a time (p50/p99), and ranking 10,000 jobs for one user with the top 10 kept.
/// </content>
internal static partial class ConvFmScenario
{
    private const int RankedJobs = 10_000;
    private const int TopK = 10;

    private static Dictionary<string, object> MeasureScorer(
        ConvFmModel model, ConvFmInput[] inputs, float[] fullLogits, int users, int[][] bags, int[] jobLoc, int[] jobComp, ScenarioArgs args)
    {
        var rankings = args.Int("rankings", 200);
        var singles = args.Int("singles", 20_000);
        var build = Stopwatch.StartNew();
        var scorer = model.CreateScorer();
        build.Stop();

        // Agreement with the full network on the last user's catalog (the caller left its logits in fullLogits).
        var logits = new float[inputs.Length];
        scorer.ScoreLogits(inputs, logits);
        var maxDiff = 0.0;
        for (var j = 0; j < inputs.Length; j++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(logits[j] - fullLogits[j]) / Math.Max(1, Math.Abs(fullLogits[j])));
        }

        // Batched: the same users and catalog as the full network's measurement; warm-up first (tiering).
        for (var u = 0; u < users; u++)
        {
            Fill(inputs, u, bags, jobLoc, jobComp);
            scorer.ScoreLogits(inputs, logits);
        }

        // Wall time, and this thread's CPU time (the scorer runs on the calling thread): on a shared machine the second
        // leaves out the time the neighbours hold the core.
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        long scored = 0;
        for (var u = 0; u < users; u++)
        {
            Fill(inputs, u, bags, jobLoc, jobComp);
            var cpuStart = ThreadCpuClock.Now();
            clock.Start();
            scorer.ScoreLogits(inputs, logits);
            clock.Stop();
            cpu += (ThreadCpuClock.Now() - cpuStart) ?? TimeSpan.Zero;
            scored += inputs.Length;
        }

        var single = SinglePredictions(scorer, bags, jobLoc, jobComp, singles);
        var rank = Rankings(scorer, bags, jobLoc, jobComp, rankings);
        return new Dictionary<string, object>
        {
            ["inference_us_per_prediction_scorer"] = Math.Round(clock.Elapsed.TotalMicroseconds / scored, 3),
            ["inference_thread_cpu_us_per_prediction_scorer"] = Math.Round(cpu.TotalMicroseconds / scored, 3),
            ["single_prediction_us_p50"] = Math.Round(single.P50Ms * 1000, 2),
            ["single_prediction_us_p99"] = Math.Round(single.P99Ms * 1000, 2),
            ["rank_10k_ms_p50"] = Math.Round(rank.P50Ms, 3),
            ["rank_10k_ms_p99"] = Math.Round(rank.P99Ms, 3),
            ["rankings"] = rankings,
            ["scorer_build_ms"] = Math.Round(build.Elapsed.TotalMilliseconds, 1),
            ["scorer_table_mb"] = Math.Round(scorer.TableBytes / 1e6, 1),
            ["scorer_max_relative_difference"] = maxDiff,
        };
    }

    /// <summary>One <see cref="ConvFmScorer.ScoreLogit"/> call per pair (user and job drawn with a fixed seed).</summary>
    private static LatencySummary SinglePredictions(ConvFmScorer scorer, int[][] bags, int[] jobLoc, int[] jobComp, int count)
    {
        var random = new Random(7);
        var times = new LatencyRecorder();
        var sink = 0f;
        for (var i = -count / 10; i < count; i++)
        {
            var u = random.Next(bags.Length);
            var j = random.Next(jobLoc.Length);
            var input = new ConvFmInput(u, j, bags[u], jobLoc[j], jobComp[j]);
            var start = Stopwatch.GetTimestamp();
            sink += scorer.ScoreLogit(input);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (i >= 0)
            {
                times.RecordTicks(elapsed);
            }
        }

        GC.KeepAlive(sink);
        return times.Summary();
    }

    /// <summary>
    /// Ranks 10,000 jobs (the catalog repeated as needed) for one user at a time: build the pairs, score them, keep the top
    /// 10. Users cycle through the first ones; 20 warm-up rankings are not timed.
    /// </summary>
    private static LatencySummary Rankings(ConvFmScorer scorer, int[][] bags, int[] jobLoc, int[] jobComp, int count)
    {
        var inputs = new ConvFmInput[RankedJobs];
        var logits = new float[RankedJobs];
        var best = new ScoredRow[TopK];
        var times = new LatencyRecorder();
        for (var r = -20; r < count; r++)
        {
            var u = (r + 20) % bags.Length;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < inputs.Length; i++)
            {
                var j = i % jobLoc.Length;
                inputs[i] = new ConvFmInput(u, j, bags[u], jobLoc[j], jobComp[j]);
            }

            scorer.ScoreLogits(inputs, logits);
            var top = new TopKCollector(best);
            for (var i = 0; i < logits.Length; i++)
            {
                if (logits[i] > top.Threshold)
                {
                    top.Offer(i, logits[i]);
                }
            }

            var elapsed = Stopwatch.GetTimestamp() - start;
            if (r >= 0)
            {
                times.RecordTicks(elapsed);
            }
        }

        return times.Summary();
    }
}
