using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Screening;

namespace TalentFlow.Benchmarks.LoopEval;

/// <summary>
/// The learning loop end to end, through the HTTP API of a one-silo host it starts (issue 17, point 4): one one-paragraph
/// job per resume category (the held-out O*NET occupation the screening corpus assigns it), held-out resumes of known
/// category screened before any feedback, reviewers' verdicts from the ground truth on OTHER held-out resumes, one training
/// run of <c>screening_model</c> followed to its end, the first resumes scored again. Ground truth: a resume matches a job
/// when its category is the job's. Neither the jobs nor the measured resumes were seen by the built-in model's training
/// (<see cref="ScreeningCorpus"/>'s split); the verdicts are given on resumes of its training side, never measured.
/// </summary>
internal static class LoopEvalScenario
{
    private const string Model = "screening_model";

    /// <summary>Uploads answered 5xx (then retried once), for the run's output.</summary>
    private static readonly List<object> ServerErrors = [];

    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        int evalPositives = args.Int("eval-positives", 3), evalNegatives = args.Int("eval-negatives", 3);
        int verdictPositives = args.Int("verdict-positives", 6), verdictNegatives = args.Int("verdict-negatives", 6);
        int seed = args.Int("seed", 0), jobLimit = args.Int("jobs", 24);
        string silo = args.String("silo-dll") ?? FindSiloDll();
        string encoder = args.String("encoder") ?? "lsa";
        // The kind trained on the verdicts: screening_model (default), or semantic_encoder (on --encoder minilm: MiniLM fine-tuned).
        string trained = args.String("model") ?? Model;

        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        var jobs = corpus.ProtocolJobs.Take(jobLimit).ToList();
        var plan = Plan(jobs, corpus.TestResumes, corpus.TrainResumes, evalPositives, evalNegatives, verdictPositives, verdictNegatives, seed);

        await using var host = await SiloProcess.StartAsync(silo, encoder);
        var http = host.Client;
        var clock = Stopwatch.StartNew();
        foreach (var job in jobs)
        {
            using var created = await http.PostAsJsonAsync("/api/v1/jobs", new { id = JobId(job), title = job.Job.Title, description = job.Job.Description });
            await EnsureAsync(created, "create job " + job.Code);
        }

        // Before any feedback: every held-out pair uploaded (one upload = one screening).
        var before = new List<Screened>();
        foreach (var (job, resume, match) in plan.Eval) before.Add(await UploadAsync(http, JobId(job), resume, match));
        string productionBefore = before[0].Version;

        // Reviewers' verdicts on other resumes: screened, then labelled from the ground truth.
        var verdicts = 0;
        foreach (var (job, resume, match) in plan.Verdicts)
        {
            var screened = await UploadAsync(http, JobId(job), resume, match);
            using var submitted = await http.PostAsJsonAsync("/api/v1/feedback/submit",
                new { screening_result_id = screened.ResultId, human_decision = match ? "shortlist" : "reject", reviewer = "loop-eval" });
            await EnsureAsync(submitted, "submit a verdict");
            verdicts++;
        }

        using var trigger = await http.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { model = trained, force = true });
        await EnsureAsync(trigger, "trigger training");
        var started = await trigger.Content.ReadFromJsonAsync<JsonElement>();
        if (!started.GetProperty("success").GetBoolean()) throw new InvalidOperationException("Training did not start: " + started.GetProperty("message").GetString());
        string trainingId = started.GetProperty("job_id").GetString()!;
        JsonElement training;
        while (true)
        {
            training = await http.GetFromJsonAsync<JsonElement>("/api/v1/training/jobs/" + trainingId);
            if (training.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled") break;
            await Task.Delay(250);
        }

        // The same pairs scored again with whatever production serves now.
        var after = new List<Screened>();
        foreach (var pair in before)
        {
            var score = await http.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{pair.JobId}/candidates/{pair.CandidateId}/score");
            after.Add(pair with { Score = score.GetProperty("score").GetDouble(), Shortlisted = score.GetProperty("decision").GetString() == "SHORTLIST",
                Version = score.GetProperty("model_versions").GetProperty(Model).GetString()! });
        }
        var b = Measure(before);
        var a = Measure(after);
        return new
        {
            scenario = "loop-eval",
            encoder,
            model = trained,
            jobs = jobs.Count,
            eval_pairs = before.Count,
            eval_positives = before.Count(p => p.Match),
            verdicts,
            before_f1 = b.F1, before_precision = b.Precision, before_recall = b.Recall, before_accuracy = b.Accuracy, before_roc_auc = b.RocAuc, before_shortlisted = b.Shortlisted,
            after_f1 = a.F1, after_precision = a.Precision, after_recall = a.Recall, after_accuracy = a.Accuracy, after_roc_auc = a.RocAuc, after_shortlisted = a.Shortlisted,
            production_before = productionBefore,
            production_after = after[0].Version,
            production_changed = after[0].Version != productionBefore,
            training_status = training.GetProperty("status").GetString(),
            training_message = training.GetProperty("message").GetString(),
            training_metrics = training.TryGetProperty("metrics", out var metrics) ? metrics : default,
            upload_server_errors = ServerErrors,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private sealed record Screened(string JobId, string CandidateId, string ResultId, bool Match, double Score, bool Shortlisted, string Version);

    private sealed record EvalPlan(List<(CategorizedJob Job, CategorizedResume Resume, bool Match)> Eval, List<(CategorizedJob Job, CategorizedResume Resume, bool Match)> Verdicts);

    /// <summary>
    /// Per category, a seeded shuffle: the first <paramref name="evalPositives"/> resumes the built-in model never saw
    /// (<paramref name="heldOut"/>) are screened and measured; <paramref name="verdictPositives"/> of the others
    /// (<paramref name="others"/>) get verdicts. Negatives come from the same pools of the other categories, so no resume is
    /// both measured and labelled. The same plan as the offline replay's (<see cref="ScreeningServedLoop"/>), so the two
    /// measure the same pairs.
    /// </summary>
    private static EvalPlan Plan(List<CategorizedJob> jobs, IReadOnlyList<CategorizedResume> heldOut, IReadOnlyList<CategorizedResume> others,
        int evalPositives, int evalNegatives, int verdictPositives, int verdictNegatives, int seed)
    {
        var (eval, verdicts) = ScreeningServedLoop.Plan(jobs, heldOut, others, evalPositives, evalNegatives, verdictPositives, verdictNegatives, seed);
        return new EvalPlan(eval, verdicts);
    }

    private static async Task<Screened> UploadAsync(HttpClient http, string jobId, CategorizedResume resume, bool match)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(jobId), "job_id" },
            { new StringContent("Resume " + resume.Id), "candidate_name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(resume.Text)), "file", resume.Id + ".txt" },
        };
        var response = await http.PostAsync("/api/v1/screening/upload-resume", form);
        if ((int)response.StatusCode >= 500)
        {
            // A server error is recorded (status and problem text: the run's JSON says what happened) and the upload tried once more,
            // so one transient failure does not lose the run; a second one ends it.
            ServerErrors.Add(new { resume = resume.Id, job = jobId, status = (int)response.StatusCode, body = await response.Content.ReadAsStringAsync() });
            response.Dispose();
            response = await http.PostAsync("/api/v1/screening/upload-resume", form);
        }
        using var _ = response;
        await EnsureAsync(response, "upload resume " + resume.Id);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Screened(jobId, result.GetProperty("candidate_id").GetString()!, result.GetProperty("id").GetString()!, match,
            result.GetProperty("score").GetDouble(), result.GetProperty("decision").GetString() == "SHORTLIST",
            result.GetProperty("model_versions").GetProperty(Model).GetString()!);
    }

    private static (double F1, double Precision, double Recall, double Accuracy, double RocAuc, int Shortlisted) Measure(List<Screened> pairs)
    {
        int tp = pairs.Count(p => p.Match && p.Shortlisted), fp = pairs.Count(p => !p.Match && p.Shortlisted);
        int fn = pairs.Count(p => p.Match && !p.Shortlisted), tn = pairs.Count(p => !p.Match && !p.Shortlisted);
        double precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp), recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double auc = ClassificationMetrics.RocAuc([.. pairs.Select(p => p.Score)], [.. pairs.Select(p => p.Match)]);
        return (Math.Round(f1, 4), Math.Round(precision, 4), Math.Round(recall, 4), Math.Round((tp + tn) / (double)pairs.Count, 4), Math.Round(auc, 4), tp + fp);
    }

    private static string JobId(CategorizedJob job) => "loop-" + job.Code;

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        string body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {body}");
    }

    /// <summary>The silo built next to this checkout (<c>dotnet build src/TalentFlow.Silo -c Release</c>).</summary>
    internal static string FindSiloDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "TalentFlow.Silo", "bin", "Release", "net10.0", "TalentFlow.Silo.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new ArgumentException("No built silo found: run 'dotnet build src/TalentFlow.Silo -c Release' or pass --silo-dll.");
    }
}
