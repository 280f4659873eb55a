using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TalentFlow.Grains.Samples;

namespace TalentFlow.Benchmarks.Load;

/// <summary>
/// Issue 7's load goal: the HTTP API holds 500 scoring requests/s with p99 ≤ 50 ms on 2 cores. An open-loop generator on
/// loopback against a running cluster (<c>--url</c>, <c>--api-key</c> or <c>$TALENTFLOW_API_KEY</c>): requests are sent on a
/// fixed schedule whatever the answers do, and each latency runs from its scheduled send time (no coordinated omission);
/// at most <c>--max-in-flight</c> are outstanding, and a request that would exceed it counts as dropped. <c>--mix full</c>
/// adds resume uploads and reviewer feedback at a tenth of the rate each.
/// </summary>
internal static class LoadScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string url = args.String("url") ?? Environment.GetEnvironmentVariable("TALENTFLOW_URL") ?? "http://127.0.0.1:8080";
        string key = args.String("api-key") ?? Environment.GetEnvironmentVariable("TALENTFLOW_API_KEY") ?? "";
        int rate = args.Int("rate", 500), seconds = args.Int("seconds", 20), maxInFlight = args.Int("max-in-flight", 512);
        bool full = args.String("mix") == "full";
        if (key.Length == 0) throw new ArgumentException("pass --api-key (an admin key) or set TALENTFLOW_API_KEY");
        // --url a,b: requests alternate between the silos' APIs, as a load balancer in front of them would spread them.
        var clients = new List<HttpClient>();
        foreach (var address in url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            clients.Add(client);
        }
        try
        {
            return await RunAsync(clients, rate, seconds, maxInFlight, full).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static async Task<object> RunAsync(List<HttpClient> clients, int rate, int seconds, int maxInFlight, bool full)
    {
        var http = clients[0];

        // Set-up: the sample jobs and 64 candidates under ids of this run, each pair scored once to warm the caches.
        string run = Guid.NewGuid().ToString("N")[..6];
        var jobs = SampleCorpus.Jobs();
        var people = SampleCorpus.Candidates(64, seed: 9);
        var jobIds = new List<string>();
        foreach (var job in jobs)
        {
            var created = await http.PostAsJsonAsync("api/v1/jobs", new { id = $"load-{run}-{job.Id}", title = job.Posting.Title, description = job.Posting.Description, location = job.Posting.Location });
            created.EnsureSuccessStatusCode();
            jobIds.Add($"load-{run}-{job.Id}");
        }
        var candidateIds = new List<string>();
        foreach (var person in people)
        {
            var created = await http.PostAsJsonAsync("api/v1/candidates", new { id = $"load-{run}-{person.Id}", name = person.Resume.Name, text = person.Resume.Text });
            created.EnsureSuccessStatusCode();
            candidateIds.Add($"load-{run}-{person.Id}");
        }
        foreach (var job in jobIds)
        {
            foreach (var candidate in candidateIds) (await http.GetAsync($"api/v1/jobs/{job}/candidates/{candidate}/score")).EnsureSuccessStatusCode();
        }

        var latencies = new LatencyRecorder();
        var uploadLatencies = new LatencyRecorder();
        int failed = 0, dropped = 0, inFlight = 0, sent = 0;
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        long total = (long)rate * seconds;
        for (long n = 0; n < total; n++)
        {
            double due = n * 1000.0 / rate;
            double wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                dropped++;
                continue;
            }
            Interlocked.Increment(ref inFlight);
            sent++;
            string job = jobIds[(int)(n % jobIds.Count)], candidate = candidateIds[(int)(n / jobIds.Count % candidateIds.Count)];
            bool upload = full && n % 10 == 5;
            bool feedback = full && n % 10 == 7;
            var target = clients[(int)(n % clients.Count)];
            pending.Add(Task.Run(async () =>
            {
                var http = target;
                try
                {
                    using var response = upload ? await UploadAsync(http, job, run, n)
                        : feedback ? await http.PostAsJsonAsync("api/v1/feedback/submit", new { screening_result_id = job + "|" + candidate, human_decision = n % 2 == 0 ? "shortlist" : "reject" })
                        : await http.GetAsync($"api/v1/jobs/{job}/candidates/{candidate}/score");
                    // Feedback on a pair never screened is a 404 by design; only server errors and transport failures count.
                    double ms = clock.Elapsed.TotalMilliseconds - due;
                    if ((int)response.StatusCode >= 500 || (!feedback && !response.IsSuccessStatusCode)) Interlocked.Increment(ref failed);
                    (upload ? uploadLatencies : latencies).RecordMilliseconds(ms);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }
        await Task.WhenAll(pending);
        double elapsed = clock.Elapsed.TotalSeconds;
        var score = latencies.Summary();
        var uploads = uploadLatencies.Summary();
        return new Dictionary<string, object>
        {
            ["target_rate_per_s"] = rate,
            ["achieved_rate_per_s"] = Math.Round(score.Count / elapsed, 1),
            ["requests"] = sent,
            ["failed"] = failed,
            ["dropped"] = dropped,
            ["p50_ms"] = Math.Round(score.P50Ms, 2),
            ["p99_ms"] = Math.Round(score.P99Ms, 2),
            ["max_ms"] = Math.Round(score.MaxMs, 2),
            ["upload_p50_ms"] = Math.Round(uploads.P50Ms, 2),
            ["upload_p99_ms"] = Math.Round(uploads.P99Ms, 2),
            ["mix"] = full ? "score + upload (1/10) + feedback (1/10)" : "score",
            ["seconds"] = seconds,
            ["apis"] = clients.Count,
        };
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string job, string run, long n)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"Load test resume {n}: Python, SQL, Kubernetes, 4 years of data pipelines. BSc computer science."));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", $"resume-{run}-{n}.txt");
        form.Add(new StringContent(job), "job_id");
        form.Add(new StringContent($"Load Candidate {n}"), "candidate_name");
        return await http.PostAsync("api/v1/screening/upload-resume", form);
    }
}
