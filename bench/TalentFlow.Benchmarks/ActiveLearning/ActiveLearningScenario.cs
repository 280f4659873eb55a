using System.Diagnostics;
using System.Globalization;
using System.Text;
using TalentFlow.ML.ActiveLearning;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Benchmarks.ActiveLearning;

/// <summary>
/// Issue 9's measurement: does uncertainty sampling reach random sampling's quality with fewer reviews? One job per category of
/// resume_pdf_categories (shortlist = the resume is in the job's category); the reviewer is simulated by the true label. TF-IDF
/// (the classifiers' settings: 5,000 uni- and bigrams, sublinear tf) is fitted once on the pool's texts, which a reviewer queue
/// has before any label; each (job, seed) runs both strategies from the same seed set (<see cref="ActiveLearningSimulation"/>).
/// Curves are averaged over every job and seed; the saving compares the averaged curves (<see cref="LabelSaving"/>), with the
/// target = random sampling's value at the full budget.
/// </summary>
internal static class ActiveLearningScenario
{
    private static readonly SamplingStrategy[] Strategies = [SamplingStrategy.Random, SamplingStrategy.Uncertainty];

    public static object Run(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data", "resume_pdf_categories");
        int seeds = args.Int("seeds", 5), batch = args.Int("batch", 10), budget = args.Int("budget", 300), seedSize = args.Int("seed-size", 10);
        int threads = args.Int("threads", Environment.ProcessorCount);
        double c = args.String("c") is { } cText
            ? double.TryParse(cText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : throw new ArgumentException("--c takes a positive number")
            : new LinearSvmTrainer.Options().C;
        string firstLine = args.String("first-line") ?? "keep";
        if (firstLine is not ("keep" or "drop")) throw new ArgumentException("--first-line takes keep or drop");
        var clock = Stopwatch.StartNew();

        var split = ResumeCategorySplit.Load(data, firstLine == "drop");
        var jobs = args.String("jobs") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. split.Categories];
        if (jobs.Distinct(StringComparer.Ordinal).Count() != jobs.Length) throw new ArgumentException("--jobs: a category is listed twice");
        foreach (var job in jobs)
        {
            if (!split.Categories.Contains(job)) throw new ArgumentException($"--jobs: no category '{job}'");
        }

        if (seedSize < 2) throw new ArgumentException("--seed-size must be at least 2 (one shortlisted, one rejected)");
        if (budget < seedSize) throw new ArgumentException("--budget must be at least --seed-size");
        var tfidf = TfidfVectorizer.Fit([.. split.Pool.Select(r => r.Text)], new TfidfOptions { SublinearTf = true });
        var pool = tfidf.Transform([.. split.Pool.Select(r => r.Text)]);
        var test = tfidf.Transform([.. split.Test.Select(r => r.Text)]);
        Console.Error.WriteLine($"active-learning: {split.Pool.Count} pool, {split.Test.Count} test resumes, {jobs.Length} jobs × {seeds} seeds, " +
            $"features in {clock.Elapsed.TotalSeconds:F1} s");

        // curves[job, seed, strategy]
        var curves = new LearningCurve[jobs.Length, seeds, Strategies.Length];
        var ceiling = new LearningCurvePoint[jobs.Length];
        var options = new ActiveLearningSimulation.Options
        {
            SeedSize = seedSize,
            BatchSize = batch,
            Budget = budget,
            Model = new LinearSvmTrainer.Options { C = c },
        };
        // Built up front so that a job the split cannot simulate (no shortlisted resume in the pool) fails as one clear line.
        var tasks = jobs.Select(job => split.Pool.Any(r => r.Category == job)
            ? new ShortlistTask(pool, [.. split.Pool.Select(r => r.Category == job)], test, [.. split.Test.Select(r => r.Category == job)], tfidf.Terms.Count)
            : throw new ArgumentException($"--jobs: category '{job}' has no resume in the pool")).ToArray();
        int done = 0;
        Parallel.For(0, jobs.Length * seeds, new ParallelOptions { MaxDegreeOfParallelism = threads }, run =>
        {
            int j = run / seeds, s = run % seeds;
            var task = tasks[j];
            if (s == 0) ceiling[j] = ActiveLearningSimulation.FullPool(task, options);
            for (int k = 0; k < Strategies.Length; k++)
            {
                curves[j, s, k] = ActiveLearningSimulation.Run(task, Strategies[k], options with { Seed = s });
            }

            int finished = Interlocked.Increment(ref done);
            if (finished % 10 == 0) Console.Error.WriteLine($"  {finished}/{jobs.Length * seeds} runs, {clock.Elapsed.TotalSeconds:F0} s");
        });

        var mean = Strategies.Select((_, k) => LearningCurve.Mean([.. Runs(curves, k)])).ToArray();
        var accuracy = LabelSaving.Compute(mean[0], mean[1], CurveMetric.Accuracy);
        var f1 = LabelSaving.Compute(mean[0], mean[1], CurveMetric.F1);
        var fullPool = new LearningCurvePoint(split.Pool.Count, ceiling.Average(p => p.Accuracy), ceiling.Average(p => p.F1), ceiling.Average(p => p.Shortlisted));
        var perJob = Enumerable.Range(0, jobs.Length).Select(j =>
        {
            var random = LearningCurve.Mean([.. Enumerable.Range(0, seeds).Select(s => curves[j, s, 0])]);
            var uncertainty = LearningCurve.Mean([.. Enumerable.Range(0, seeds).Select(s => curves[j, s, 1])]);
            return (Job: jobs[j], Ceiling: ceiling[j], Random: random, Uncertainty: uncertainty,
                Accuracy: LabelSaving.Compute(random, uncertainty, CurveMetric.Accuracy), F1: LabelSaving.Compute(random, uncertainty, CurveMetric.F1));
        }).ToArray();

        PrintTable(mean, accuracy, f1, fullPool);
        if (args.String("out") is { } csv) WriteCsv(csv, mean, perJob.Select(p => (p.Job, p.Random, p.Uncertainty)));

        return new Dictionary<string, object?>
        {
            ["pool"] = split.Pool.Count,
            ["test"] = split.Test.Count,
            ["features"] = tfidf.Terms.Count,
            ["first_line"] = firstLine,
            ["jobs"] = jobs.Length,
            ["seeds"] = seeds,
            ["seed_size"] = seedSize,
            ["batch"] = batch,
            ["budget"] = budget,
            ["model"] = string.Create(CultureInfo.InvariantCulture, $"linear SVM (squared hinge, C={c}, balanced), shortlist when decision value >= 0"),
            ["full_pool_accuracy"] = Math.Round(fullPool.Accuracy, 4),
            ["full_pool_f1"] = Math.Round(fullPool.F1, 4),
            ["saving_accuracy"] = Describe(accuracy),
            ["saving_f1"] = Describe(f1),
            ["saving_accuracy_by_random_budget"] = SavingsAlongTheCurve(mean, CurveMetric.Accuracy),
            ["saving_f1_by_random_budget"] = SavingsAlongTheCurve(mean, CurveMetric.F1),
            // A job whose random curve ends no better than its seed-set model has nothing to reach: its saving is 0 by
            // construction, so the counts below say how many jobs are informative at all.
            ["jobs_where_random_improves_on_seed_accuracy"] = perJob.Count(p => p.Accuracy.BaselineSamples > seedSize),
            ["jobs_with_accuracy_saving_at_least_30pct"] = perJob.Count(p => p.Accuracy.Saving >= 0.3),
            ["jobs_where_random_improves_on_seed_f1"] = perJob.Count(p => p.F1.BaselineSamples > seedSize),
            ["jobs_with_f1_saving_at_least_30pct"] = perJob.Count(p => p.F1.Saving >= 0.3),
            ["per_job"] = perJob.Select(p => new Dictionary<string, object?>
            {
                ["job"] = p.Job,
                ["full_pool_accuracy"] = Math.Round(p.Ceiling.Accuracy, 4),
                ["full_pool_f1"] = Math.Round(p.Ceiling.F1, 4),
                ["random_final_accuracy"] = Math.Round(p.Random.Last.Accuracy, 4),
                ["uncertainty_final_accuracy"] = Math.Round(p.Uncertainty.Last.Accuracy, 4),
                ["random_final_f1"] = Math.Round(p.Random.Last.F1, 4),
                ["uncertainty_final_f1"] = Math.Round(p.Uncertainty.Last.F1, 4),
                ["saving_accuracy"] = Round(p.Accuracy.Saving),
                ["saving_f1"] = Round(p.F1.Saving),
            }).ToArray(),
            ["curves"] = mean[0].Points.Select((p, i) => new Dictionary<string, object>
            {
                ["samples"] = p.Samples,
                ["random_accuracy"] = Math.Round(p.Accuracy, 4),
                ["random_f1"] = Math.Round(p.F1, 4),
                ["uncertainty_accuracy"] = Math.Round(mean[1].Points[i].Accuracy, 4),
                ["uncertainty_f1"] = Math.Round(mean[1].Points[i].F1, 4),
                ["random_shortlisted_reviewed"] = Math.Round(p.Shortlisted, 2),
                ["uncertainty_shortlisted_reviewed"] = Math.Round(mean[1].Points[i].Shortlisted, 2),
            }).ToArray(),
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["threads"] = threads,
        };
    }

    private static IEnumerable<LearningCurve> Runs(LearningCurve[,,] curves, int strategy)
    {
        for (int j = 0; j < curves.GetLength(0); j++)
        {
            for (int s = 0; s < curves.GetLength(1); s++) yield return curves[j, s, strategy];
        }
    }

    /// <summary>The saving with the target read at several of random sampling's budgets, so one point does not decide alone.</summary>
    private static Dictionary<string, object?> SavingsAlongTheCurve(LearningCurve[] mean, CurveMetric metric)
    {
        var marks = mean[0].Points.Where((p, i) => i > 0 && (p.Samples % 50 == 0 || i == mean[0].Points.Count - 1)).Select(p => p.Samples).Distinct();
        return marks.ToDictionary(n => n.ToString(CultureInfo.InvariantCulture), n => (object?)Describe(LabelSaving.Compute(mean[0], mean[1], metric, n)));
    }

    private static Dictionary<string, object?> Describe(LabelSaving saving) => new()
    {
        ["target"] = Math.Round(saving.Target, 4),
        ["random_samples"] = saving.BaselineSamples,
        ["uncertainty_samples"] = saving.CandidateSamples,
        ["saving"] = Round(saving.Saving),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static void PrintTable(LearningCurve[] mean, LabelSaving accuracy, LabelSaving f1, LearningCurvePoint fullPool)
    {
        Console.Error.WriteLine("| samples | random accuracy | uncertainty accuracy | random F1 | uncertainty F1 | shortlisted reviewed: random | uncertainty |");
        Console.Error.WriteLine("|---|---|---|---|---|---|---|");
        for (int i = 0; i < mean[0].Points.Count; i++)
        {
            var (r, u) = (mean[0].Points[i], mean[1].Points[i]);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Samples} | {r.Accuracy:F4} | {u.Accuracy:F4} | {r.F1:F4} | {u.F1:F4} | {r.Shortlisted:F1} | {u.Shortlisted:F1} |"));
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| all {fullPool.Samples} (whole pool labelled) | {fullPool.Accuracy:F4} | | {fullPool.F1:F4} | | {fullPool.Shortlisted:F1} | |"));
        foreach (var saving in new[] { accuracy, f1 })
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{saving.Metric}: random reaches {saving.Target:F4} at {saving.BaselineSamples} samples, uncertainty at " +
                $"{(saving.CandidateSamples is { } n ? n.ToString(CultureInfo.InvariantCulture) : "never")}: saving {(saving.Saving is { } s ? $"{s:P1}" : "n/a")}"));
        }
    }

    private static void WriteCsv(string path, LearningCurve[] mean, IEnumerable<(string Job, LearningCurve Random, LearningCurve Uncertainty)> perJob)
    {
        var text = new StringBuilder("job,strategy,samples,accuracy,f1,shortlisted_reviewed\n");
        void Append(string job, SamplingStrategy strategy, LearningCurve curve)
        {
            foreach (var p in curve.Points)
            {
                text.Append(CultureInfo.InvariantCulture, $"{job},{strategy.ToString().ToLowerInvariant()},{p.Samples},{p.Accuracy:F6},{p.F1:F6},{p.Shortlisted:F2}\n");
            }
        }

        Append("all", SamplingStrategy.Random, mean[0]);
        Append("all", SamplingStrategy.Uncertainty, mean[1]);
        foreach (var (job, random, uncertainty) in perJob)
        {
            Append(job, SamplingStrategy.Random, random);
            Append(job, SamplingStrategy.Uncertainty, uncertainty);
        }

        File.WriteAllText(path, text.ToString());
        Console.Error.WriteLine($"curves written to {path}");
    }
}
