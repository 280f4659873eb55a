using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Benchmarks.LoopEval;
using TalentFlow.ML.Screening;
using TalentFlow.TestKit;

namespace TalentFlow.Benchmarks.Failover;

/// <summary>
/// Issue 18's failover goal: two silo processes on a throwaway PostgreSQL (ADO.NET clustering, grain state and reminders),
/// steady load through both HTTP APIs (resume uploads, reviewers' verdicts on them, reads), silo B killed with SIGKILL
/// mid-load, its clients moved to A, B started again on the same ports, and every acknowledged write read back at the end.
/// Measured: the count of each HTTP status (a 500 is a bug; 503 with <c>Retry-After</c> is the designed answer for a call
/// lost with its silo), the seconds until A's <c>/api/v1/cluster/silos</c> stops listing the dead B as Active, the seconds
/// from B's restart until it answers a read with 200 and A lists it Active, and the acknowledged writes that cannot be read.
/// </summary>
internal static class FailoverScenario
{
    private const int KeptSamples = 10;

    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        string siloDll = args.String("silo-dll") ?? LoopEvalScenario.FindSiloDll();
        int workersPerSilo = args.Int("workers", 2), jobCount = args.Int("jobs", 4);
        var before = TimeSpan.FromSeconds(args.Int("before", 20));
        var afterDead = TimeSpan.FromSeconds(args.Int("after-dead", 10));
        var tail = TimeSpan.FromSeconds(args.Int("tail", 15));
        var deadline = TimeSpan.FromSeconds(args.Int("timeout", 120));

        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        string[] resumes = [.. corpus.TrainResumes.Concat(corpus.TestResumes).OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Text).Where(t => t.Length is > 500 and < 20_000)];
        var jobs = corpus.ProtocolJobs.Take(jobCount).ToList();

        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var silos = new List<SiloProcess>();
        try
        {
            string connection = await postgres.CreateDatabaseAsync("failover");
            var environment = new Dictionary<string, string> { ["ConnectionStrings__TalentFlow"] = connection };
            var schemaClock = Stopwatch.StartNew();
            await ApplySchemaAsync(siloDll, environment);
            double schemaSeconds = schemaClock.Elapsed.TotalSeconds;

            string key = "failover-" + Guid.NewGuid().ToString("N");
            string cluster = "failover-" + Guid.NewGuid().ToString("N")[..8];
            var a = new SiloPorts(SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
            var b = new SiloPorts(SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
            SiloProcess Start(string name, SiloPorts ports) => SiloProcess.Launch(siloDll, name, ports.Http, key,
            [
                $"--Silo:Endpoint=127.0.0.1:{ports.Silo}", $"--Silo:GatewayPort={ports.Gateway}", $"--Cluster:ClusterId={cluster}",
                "--Matching:Encoder=lsa", "--SampleData:Load=false", "--Training:AutoTrigger=false",
            ], environment);

            var startClock = Stopwatch.StartNew();
            var siloA = Start("failover-a", a);
            silos.Add(siloA);
            await siloA.WaitUntilReadyAsync(deadline);
            var siloB = Start("failover-b", b);
            silos.Add(siloB);
            await siloB.WaitUntilReadyAsync(deadline);
            double startSeconds = startClock.Elapsed.TotalSeconds;

            using var clientA = Client(a.Http, key);
            using var clientB = Client(b.Http, key);
            foreach (var job in jobs)
            {
                using var created = await clientA.PostAsJsonAsync("/api/v1/jobs", new { id = JobId(job), title = job.Job.Title, description = job.Job.Description });
                if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Could not create job {job.Code}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            }
            string oldB = await AddressOfAsync(clientA, "failover-b", deadline)
                ?? throw new InvalidOperationException("Silo A does not list silo B as Active.");

            var load = new Load(clientA, clientB, [.. jobs.Select(JobId)], resumes);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 2 * workersPerSilo).Select(i => Task.Run(() => load.WorkAsync(i, homeIsB: i % 2 == 1, stop.Token))).ToArray();
            var loadClock = Stopwatch.StartNew();

            await Task.Delay(before);
            load.Phase = "after-kill";
            var killClock = Stopwatch.StartNew();
            await siloB.KillAsync();
            load.BDown = true;
            double killedAt = loadClock.Elapsed.TotalSeconds;
            double? deadSeconds = await WaitAsync(async () => !await ListsActiveAsync(clientA, oldB), killClock, deadline);
            // Load on A alone for a while after B is declared dead: the calls that re-activate B's grains on A.
            await Task.Delay(afterDead);

            load.Phase = "after-restart";
            var restartClock = Stopwatch.StartNew();
            var restarted = Start("failover-b", b);
            silos.Add(restarted);
            double? readSeconds = await WaitAsync(async () => await AnswersAsync(clientB, "/api/v1/jobs/" + JobId(jobs[0])), restartClock, deadline);
            double? listedSeconds = await WaitAsync(async () => await AddressOfAsync(clientA, "failover-b", TimeSpan.Zero) is { } now && now != oldB, restartClock, deadline);
            load.BDown = false;
            await Task.Delay(tail);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            double loadSeconds = loadClock.Elapsed.TotalSeconds;

            // Every acknowledged write, read back through both silos.
            var lost = new List<string>();
            foreach (var client in (HttpClient[])[clientA, clientB]) lost.AddRange(await VerifyAsync(client, load));
            var statuses = load.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Count());
            return new
            {
                scenario = "failover",
                silos = 2,
                storage = "postgresql (throwaway, initdb)",
                encoder = "lsa",
                workers = 2 * workersPerSilo,
                jobs = jobs.Count,
                schema_seconds = Math.Round(schemaSeconds, 2),
                cluster_start_seconds = Math.Round(startSeconds, 1),
                load_seconds = Math.Round(loadSeconds, 1),
                killed_at_seconds = Math.Round(killedAt, 1),
                requests = load.Statuses.Values.Sum(s => s.Count()),
                statuses,
                statuses_by_phase = load.ByPhase.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value),
                status_500 = statuses.GetValueOrDefault("500"),
                status_503_without_retry_after = load.Missing503RetryAfter,
                server_error_samples = load.ServerErrors.Take(KeptSamples).ToArray(),
                status_503_samples = load.Unavailable.ToArray(),
                acknowledged_uploads = load.Uploads.Count,
                acknowledged_verdicts = load.Verdicts.Count,
                lost_acknowledged_writes = lost.Count,
                lost_samples = lost.Take(KeptSamples).ToArray(),
                dead_declared_seconds = Round(deadSeconds),
                restarted_read_200_seconds = Round(readSeconds),
                restarted_listed_active_seconds = Round(listedSeconds),
                restarted_serving_seconds = readSeconds is { } r && listedSeconds is { } l ? Math.Round(Math.Max(r, l), 2) : (double?)null,
                goal = "0 acknowledged writes lost, 0 status 500, dead declared ≤ 30 s, restarted silo serving ≤ 30 s",
                cores = Environment.ProcessorCount,
                load_average = LoadAverage(),
            };
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }

    private sealed record SiloPorts(int Http, int Silo, int Gateway);

    /// <summary>The load's bookkeeping: what was acknowledged, and every answer by status (or client-side failure).</summary>
    private sealed class Load(HttpClient a, HttpClient b, string[] jobs, string[] resumes)
    {
        public ConcurrentDictionary<string, ConcurrentBag<byte>> Statuses { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, int> ByPhase { get; } = new(StringComparer.Ordinal);
        public ConcurrentQueue<object> ServerErrors { get; } = new();
        public ConcurrentQueue<object> Unavailable { get; } = new();
        public ConcurrentQueue<(string JobId, string CandidateId, string ResultId)> Uploads { get; } = new();
        public ConcurrentQueue<(string JobId, string ResultId)> Verdicts { get; } = new();
        private int _missing503RetryAfter;
        private int _sequence;
        public int Missing503RetryAfter => _missing503RetryAfter;
        public volatile string Phase = "before-kill";
        public volatile bool BDown;

        /// <summary>One client: upload a resume, give a verdict on the result, read the candidate; B's clients use A while B is down.</summary>
        public async Task WorkAsync(int worker, bool homeIsB, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var http = homeIsB && !BDown ? b : a;
                int n = Interlocked.Increment(ref _sequence);
                string job = jobs[n % jobs.Length];
                // A different last line each time: each upload is a new candidate and a new text.
                string text = resumes[n % resumes.Length] + string.Create(CultureInfo.InvariantCulture, $"\nReference {n}\n");
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(job), "job_id" },
                    { new StringContent(string.Create(CultureInfo.InvariantCulture, $"Failover {n}")), "candidate_name" },
                    { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", $"resume-{n}.txt" },
                };
                var upload = await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/screening/upload-resume") { Content = form }, "upload", homeIsB, cancellationToken);
                if (upload is not { Status: HttpStatusCode.Created, Body: { } body }) continue;
                using var result = JsonDocument.Parse(body);
                string candidate = result.RootElement.GetProperty("candidate_id").GetString()!, resultId = result.RootElement.GetProperty("id").GetString()!;
                Uploads.Enqueue((job, candidate, resultId));

                var verdict = await SendAsync(homeIsB && !BDown ? b : a, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback/submit")
                {
                    Content = JsonContent.Create(new { screening_result_id = resultId, human_decision = n % 2 == 0 ? "shortlist" : "reject", reviewer = "failover-" + worker }),
                }, "verdict", homeIsB, cancellationToken);
                if (verdict is { Status: HttpStatusCode.OK }) Verdicts.Enqueue((job, resultId));

                await SendAsync(homeIsB && !BDown ? b : a, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/candidates/" + candidate), "read", homeIsB, cancellationToken);
            }
        }

        /// <summary>Sends once, counts the answer; a refused connection marks B down (its clients move to A); a 503 waits its Retry-After.</summary>
        private async Task<(HttpStatusCode Status, string? Body)?> SendAsync(HttpClient http, Func<HttpRequestMessage> request, string operation, bool homeIsB,
            CancellationToken cancellationToken)
        {
            string outcome;
            (HttpStatusCode, string?)? answer = null;
            TimeSpan? wait = null;
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message, CancellationToken.None);
                string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                answer = (response.StatusCode, body);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    wait = response.Headers.RetryAfter?.Delta;
                    if (wait is null) Interlocked.Increment(ref _missing503RetryAfter);
                }
                if ((int)response.StatusCode >= 500)
                {
                    var sample = new { operation, phase = Phase, silo = http.BaseAddress!.Port, status = (int)response.StatusCode, body = body.Length > 600 ? body[..600] : body };
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable) ServerErrors.Enqueue(sample);
                    else if (Unavailable.Count < 3) Unavailable.Enqueue(sample);
                }
            }
            catch (HttpRequestException)
            {
                // The silo's process is gone (connection refused or reset): not an HTTP answer; the client moves to the other silo.
                outcome = "connection-failed";
                if (homeIsB) BDown = true;
                wait = TimeSpan.FromMilliseconds(100);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "client-timeout";
            }
            Statuses.GetOrAdd(outcome, _ => []).Add(0);
            ByPhase.AddOrUpdate(Phase + " " + outcome, 1, (_, c) => c + 1);
            if (wait is { } w && !cancellationToken.IsCancellationRequested)
            {
                // Retry-After is 2 s; waiting it out keeps the client honest without stopping the load for long.
                try { await Task.Delay(w > TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : w, cancellationToken); } catch (OperationCanceledException) { }
            }
            return answer;
        }
    }

    /// <summary>The acknowledged writes a silo cannot show: uploads missing from their job's results or candidates that answer no 200, verdicts not marked reviewed.</summary>
    private static async Task<List<string>> VerifyAsync(HttpClient http, Load load)
    {
        var lost = new List<string>();
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (string job in load.Uploads.Select(u => u.JobId).Distinct(StringComparer.Ordinal))
        {
            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/screening/results/" + job);
            foreach (var r in list.EnumerateArray()) results[r.GetProperty("id").GetString()!] = r.GetProperty("human_reviewed").GetBoolean();
        }
        string silo = http.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture);
        foreach (var (_, candidate, resultId) in load.Uploads)
        {
            if (!results.ContainsKey(resultId)) lost.Add($"{silo}: result {resultId} missing");
            using var read = await http.GetAsync("/api/v1/candidates/" + candidate);
            if (read.StatusCode != HttpStatusCode.OK) lost.Add($"{silo}: candidate {candidate} answered {(int)read.StatusCode}");
        }
        foreach (var (_, resultId) in load.Verdicts)
        {
            if (!results.TryGetValue(resultId, out bool reviewed) || !reviewed) lost.Add($"{silo}: verdict on {resultId} missing");
        }
        return lost;
    }

    private static async Task ApplySchemaAsync(string siloDll, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(siloDll))! };
        foreach (string arg in (string[])["exec", siloDll, "--apply-schema"]) start.ArgumentList.Add(arg);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the schema step.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"--apply-schema exited with {process.ExitCode}: {await output}{await error}");
    }

    private static HttpClient Client(int port, string key)
    {
        // Short-lived pooled connections: after B's restart its clients open new ones instead of reusing dead sockets.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The address (with generation) under which the silo named <paramref name="name"/> is listed Active, polling up to <paramref name="timeout"/>.</summary>
    private static async Task<string?> AddressOfAsync(HttpClient http, string name, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var silo in await SilosAsync(http))
            {
                if (silo.GetProperty("name").GetString() == name && silo.GetProperty("status").GetString() == "Active") return silo.GetProperty("id").GetString();
            }
            if (clock.Elapsed < timeout) await Task.Delay(200);
        }
        while (clock.Elapsed < timeout);
        return null;
    }

    private static async Task<bool> ListsActiveAsync(HttpClient http, string id) =>
        (await SilosAsync(http)).Any(s => s.GetProperty("id").GetString() == id && s.GetProperty("status").GetString() == "Active");

    private static async Task<JsonElement[]> SilosAsync(HttpClient http)
    {
        try
        {
            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/cluster/silos");
            return [.. list.EnumerateArray()];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; the seconds on <paramref name="clock"/> when it first holds, or null after <paramref name="timeout"/>.</summary>
    private static async Task<double?> WaitAsync(Func<Task<bool>> condition, Stopwatch clock, TimeSpan timeout)
    {
        while (clock.Elapsed < timeout)
        {
            if (await condition()) return clock.Elapsed.TotalSeconds;
            await Task.Delay(100);
        }
        return null;
    }

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 2) : null;

    private static string JobId(CategorizedJob job) => "failover-" + job.Code;

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
