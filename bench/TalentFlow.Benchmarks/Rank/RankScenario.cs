using System.Diagnostics;
using System.Numerics.Tensors;
using Orleans.Configuration;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Screening;
using TalentFlow.ML.Text;
using TalentFlow.TestKit;

namespace TalentFlow.Benchmarks.Rank;

/// <summary>
/// Issue 16, point 8: rank <c>--candidates</c> (100,000) candidates for a job through the candidate shards. The candidates'
/// embeddings come from real resumes: <c>--distinct</c> resumes of <c>resume_pdf_categories</c> (real length, normalised as
/// the candidate grain does) are embedded once by the served encoder (all-MiniLM-L6-v2 on ONNX Runtime, 384 dimensions), and
/// each candidate is one of them plus Gaussian noise of <c>--noise</c> per dimension, renormalised (near-duplicate profiles
/// around real ones; a 100,000-resume corpus does not exist here and would take hours to embed on 2 cores). The queries are
/// the 24 one-paragraph O*NET jobs of <see cref="ScreeningCorpus.ProtocolJobs"/>, embedded by the same encoder.
/// Two in-process silos (<see cref="TestCluster"/>, calls made from the first, the shards' state in the cluster's shared store through the storage
/// serializer, as in a database) hold <c>--shards</c> candidate shards; candidates are loaded with
/// <see cref="ICandidateShardGrain.UpsertManyAsync"/> in batches of <c>--batch</c> per shard, shards in parallel. Then a
/// few single <see cref="ICandidateShardGrain.UpsertAsync"/> calls on a full shard (what loading one at a time costs per
/// candidate then), and <c>--queries</c> rankings, one at a time: the job's top <c>--k</c> by scatter-gather over every
/// shard (<see cref="ICandidateShardGrain.TopAsync"/>) and a merge, as the job grain's retrieval does (without its re-ranking,
/// which scores the pool through the candidate grains). The first ranking is checked against brute force over all vectors.
/// </summary>
internal static class RankScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        int n = args.Int("candidates", 100_000), distinct = args.Int("distinct", 300), shards = args.Int("shards", 8);
        int batch = args.Int("batch", 2_000), queries = args.Int("queries", 200), warmup = args.Int("warmup", 10), k = args.Int("k", 10);
        int singles = args.Int("singles", 5), seed = args.Int("seed", 0);
        double noise = double.Parse(args.String("noise") ?? "0.02", System.Globalization.CultureInfo.InvariantCulture);
        if (batch > 10_000) throw new ArgumentException("--batch is at most 10000 (the shard's limit per call)");

        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        var normalizer = new TextNormalizer();
        string[] resumes = [.. corpus.TrainResumes.Concat(corpus.TestResumes).OrderBy(r => r.Id, StringComparer.Ordinal).Take(distinct).Select(r => normalizer.Normalize(r.Text))];
        string[] jobs = [.. corpus.ProtocolJobs.Select(j => j.Job.Title.Trim() + "\n" + j.Job.Description)];

        var encodeClock = Stopwatch.StartNew();
        float[][] real, queryVectors;
        string version;
        using (var encoder = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 2 }))
        {
            real = encoder.Embed(resumes);
            queryVectors = encoder.Embed(jobs);
            version = encoder.VersionId;
        }
        double encodeSeconds = encodeClock.Elapsed.TotalSeconds;
        int d = real[0].Length;

        var random = new Random(seed);
        var vectors = new float[n][];
        var cosineToSource = 0.0;
        for (int i = 0; i < n; i++)
        {
            var source = real[i % real.Length];
            var v = new float[d];
            for (int j = 0; j < d; j++) v[j] = source[j] + (float)(noise * Gaussian(random));
            float norm = TensorPrimitives.Norm(v);
            TensorPrimitives.Divide(v, norm, v);
            vectors[i] = v;
            cosineToSource += TensorPrimitives.Dot(v, source);
        }
        string Id(int i) => "rank-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        CandidateIndexEntry Entry(int i) => new(Id(i), "h" + i, version, vectors[i], [], 5);

        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 2,
            ConfigureSiloBuilder = silo =>
            {
                silo.AddTalentFlowGrains(o => { o.Encoder = "lsa"; o.CandidateShards = shards; });
                // A bulk call writes a shard of up to 12,500 × 384 floats as JSON: on a loaded 2-core machine that can take
                // longer than Orleans' 30 s default.
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
                // The test kit's fast failure detection (1 s probes, one vote) declares a silo dead during a long GC pause
                // on a loaded machine; this measures ranking, not failure detection: Orleans' production defaults.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    var defaults = new ClusterMembershipOptions();
                    (o.ProbeTimeout, o.NumMissedProbesLimit, o.NumVotesForDeathDeclaration, o.TableRefreshTimeout) =
                        (defaults.ProbeTimeout, defaults.NumMissedProbesLimit, defaults.NumVotesForDeathDeclaration, defaults.TableRefreshTimeout);
                });
            },
        });
        // Calls go from the first silo, as the job grain's (and the HTTP API's) do.
        var grains = cluster.Silos[0].GrainFactory;
        ICandidateShardGrain Shard(int s) => grains.GetGrain<ICandidateShardGrain>("shard-" + s);

        // Round-robin over the shards: as even as the candidates' id hash spreads them.
        var loadClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, shards).Select(async s =>
        {
            var mine = Enumerable.Range(0, n).Where(i => i % shards == s).ToArray();
            for (int start = 0; start < mine.Length; start += batch)
            {
                await Shard(s).UpsertManyAsync([.. mine.Skip(start).Take(batch).Select(Entry)]);
            }
        }));
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        int counted = (await Task.WhenAll(Enumerable.Range(0, shards).Select(s => Shard(s).CountAsync()))).Sum();
        int silosHosting = await cluster.CountSilosHostingAsync("candidate-shard", "shard-", shards);

        // One more candidate at a time into a full shard: each call writes the shard's whole state again.
        var singleMs = new List<double>();
        for (int i = 0; i < singles; i++)
        {
            var extra = new CandidateIndexEntry("rank-extra-" + i, "x" + i, version, vectors[i], [], 5);
            long t0 = Stopwatch.GetTimestamp();
            await Shard(0).UpsertAsync(extra);
            singleMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            await Shard(0).RemoveAsync(extra.CandidateId);
        }

        async Task<List<RankedCandidate>> RankAsync(float[] query)
        {
            var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => Shard(s).TopAsync(query, version, k)));
            var merged = parts.SelectMany(p => p.Hits).ToList();
            merged.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.CandidateId, b.CandidateId));
            return merged.Count > k ? merged.GetRange(0, k) : merged;
        }

        // Correctness first: the scatter-gather top k is brute force's.
        var first = await RankAsync(queryVectors[0]);
        var exact = Enumerable.Range(0, n).Select(i => (Id: Id(i), Score: TensorPrimitives.Dot(vectors[i], queryVectors[0])))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal).Take(k).Select(p => p.Id).ToList();
        bool exactMatch = exact.SequenceEqual(first.Select(r => r.CandidateId));

        var latencies = new LatencyRecorder();
        for (int q = 0; q < warmup + queries; q++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var top = await RankAsync(queryVectors[q % queryVectors.Length]);
            long elapsed = Stopwatch.GetTimestamp() - t0;
            if (top.Count != k) throw new InvalidOperationException($"A ranking returned {top.Count} candidates, not {k}.");
            if (q >= warmup) latencies.RecordTicks(elapsed);
        }
        var ms = latencies.Summary();
        return new
        {
            scenario = "rank",
            candidates = n,
            counted,
            dimensions = d,
            encoder = version,
            distinct_resumes = real.Length,
            noise_per_dimension = noise,
            mean_cosine_to_source = Math.Round(cosineToSource / n, 4),
            encode_seconds = Math.Round(encodeSeconds, 1),
            silos = 2,
            shards,
            silos_hosting_shards = silosHosting,
            batch,
            load_seconds = Math.Round(loadSeconds, 1),
            load_candidates_per_s = Math.Round(n / loadSeconds),
            single_upsert_full_shard_ms = singleMs.Select(m => Math.Round(m, 1)).ToArray(),
            k,
            queries,
            exact_match = exactMatch,
            p50_ms = Math.Round(ms.P50Ms, 2),
            p90_ms = Math.Round(ms.P90Ms, 2),
            p99_ms = Math.Round(ms.P99Ms, 2),
            mean_ms = Math.Round(ms.MeanMs, 2),
            min_ms = Math.Round(ms.MinMs, 2),
            cores = Environment.ProcessorCount,
            load_average = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : null,
        };
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
