using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Benchmarks.LoopEval;
using TalentFlow.ML.Screening;

namespace TalentFlow.Benchmarks.UploadLatency;

/// <summary>
/// Upload to decision (issue 17's goal: p50 ≤ 300 ms for a two-page text resume, one silo, 2 cores, encoding included): a
/// one-silo host (<see cref="SiloProcess"/>, the silo's default LSA encoder or MiniLM), one one-paragraph job (a held-out
/// O*NET occupation), and a two-page text resume (about <c>--words</c> words: the first resume of the data with at least
/// that many, cut there) uploaded <c>--uploads</c> times through <c>POST /api/v1/screening/upload-resume</c>, one at a time.
/// Each upload is a new candidate whose text differs by its last line, so nothing is served from a cache; the response carries
/// the decision, so the client's round trip is upload → parse → features (encoding) → score → decision. The first
/// <c>--warmup</c> uploads (JIT, first ONNX run) are not counted.
/// </summary>
internal static class UploadLatencyScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        int uploads = args.Int("uploads", 100), warmup = args.Int("warmup", 10), words = args.Int("words", 1000);
        string encoder = args.String("encoder") ?? "lsa";
        string silo = args.String("silo-dll") ?? LoopEvalScenario.FindSiloDll();
        // same: one resume whose last line changes (the first rows of the table). distinct: a different resume of about
        // --words words each upload, so no sentence repeats and the silo's embedding cache only answers what one upload
        // itself repeats (the candidate's vector, then the screening features' resume text).
        bool distinct = (args.String("resumes") ?? "same") switch
        {
            "same" => false,
            "distinct" => true,
            var other => throw new ArgumentException($"--resumes is same or distinct, not '{other}'"),
        };

        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        var job = corpus.ProtocolJobs[0];
        var (resumeId, resume) = TwoPages(corpus, words);
        var pool = distinct ? ManyTwoPages(corpus, words, warmup + uploads) : [];

        await using var host = await SiloProcess.StartAsync(silo, encoder);
        var http = host.Client;
        using (var created = await http.PostAsJsonAsync("/api/v1/jobs", new { id = "latency-job", title = job.Job.Title, description = job.Job.Description }))
        {
            if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Could not create the job: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var latencies = new LatencyRecorder();
        var decisions = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonElement? version = null;
        for (int i = 0; i < warmup + uploads; i++)
        {
            // A different last line: a new text each time, so no cache of the resume, its features or its embedding answers.
            string text = (distinct ? pool[i] : resume) + string.Create(CultureInfo.InvariantCulture, $"\nReference {i + 1}\n");
            using var form = new MultipartFormDataContent
            {
                { new StringContent("latency-job"), "job_id" },
                { new StringContent("Latency " + i.ToString(CultureInfo.InvariantCulture)), "candidate_name" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", $"resume-{i}.txt" },
            };
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/api/v1/screening/upload-resume", form);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Upload {i} failed: {(int)response.StatusCode} {body}");
            using var result = JsonDocument.Parse(body);
            string decision = result.RootElement.GetProperty("decision").GetString() ?? "";
            if (i < warmup) continue;
            latencies.Record(clock.Elapsed);
            decisions[decision] = decisions.GetValueOrDefault(decision) + 1;
            version ??= result.RootElement.TryGetProperty("model_versions", out var versions) ? versions.Clone() : null;
        }
        var latency = latencies.Summary();
        return new
        {
            scenario = "upload-latency",
            encoder,
            uploads,
            warmup,
            resume_words = resume.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length,
            resume_chars = resume.Length,
            resume_source = distinct ? $"{pool.Count} different resumes of resume_pdf_categories (id order), each cut at {words} words" : "resume_pdf_categories id " + resumeId,
            resumes = distinct ? "distinct" : "same",
            onnx_quantization = Environment.GetEnvironmentVariable("Onnx__Quantization") ?? "none",
            onnx_embedding_cache = Environment.GetEnvironmentVariable("Onnx__EmbeddingCacheSize") ?? "256",
            job = job.Code,
            p50_ms = Math.Round(latency.P50Ms, 1),
            p90_ms = Math.Round(latency.P90Ms, 1),
            p99_ms = Math.Round(latency.P99Ms, 1),
            mean_ms = Math.Round(latency.MeanMs, 1),
            min_ms = Math.Round(latency.MinMs, 1),
            max_ms = Math.Round(latency.MaxMs, 1),
            decisions,
            model_versions = version,
            cores = Environment.ProcessorCount,
            load_average = LoadAverage(),
        };
    }

    /// <summary>The first <paramref name="count"/> resumes (in id order) with at least <paramref name="words"/> words, each cut after the line that reaches them.</summary>
    internal static List<string> ManyTwoPages(ScreeningCorpus corpus, int words, int count)
    {
        var result = new List<string>(count);
        foreach (var r in corpus.TrainResumes.Concat(corpus.TestResumes).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            int n = 0;
            var kept = new StringBuilder();
            foreach (var line in r.Text.Split('\n'))
            {
                kept.Append(line).Append('\n');
                n += line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;
                if (n < words) continue;
                result.Add(kept.ToString());
                if (result.Count == count) return result;
                break;
            }
        }
        throw new ArgumentException($"Only {result.Count} resumes have {words} words; {count} needed.");
    }

    /// <summary>The first resume (in id order) with at least <paramref name="words"/> words, cut after the line that reaches them.</summary>
    internal static (string Id, string Text) TwoPages(ScreeningCorpus corpus, int words)
    {
        foreach (var r in corpus.TrainResumes.Concat(corpus.TestResumes).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var lines = r.Text.Split('\n');
            int count = 0;
            var kept = new StringBuilder();
            foreach (var line in lines)
            {
                kept.Append(line).Append('\n');
                count += line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;
                if (count >= words) return (r.Id, kept.ToString());
            }
        }
        throw new ArgumentException($"No resume has {words} words.");
    }

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
