using System.Diagnostics;
using TalentFlow.Benchmarks.Tfidf;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Benchmarks.Encoders;

/// <summary>
/// Seconds to fit each embedded encoder kind (its default options, seed 0) on <c>--docs</c> documents: the resume and job
/// texts under <c>--data</c> (default ../shared/data), shuffled with a fixed seed and repeated when there are fewer
/// distinct texts than asked for; the synthetic sample corpus when the data folder is absent. One fit per kind and
/// <c>--repeat</c> round (default 3); the median and best are reported, and the size of the saved artifact.
/// </summary>
internal static class EncoderFitScenario
{
    /// <summary>(file under the data folder, text column): every resume and job description the data sets hold.</summary>
    private static readonly (string File, string Column)[] Sources =
    [
        ("resume_pdf_categories/resumes.csv", "Resume"),
        ("updated_resume_dataset/UpdatedResumeDataSet.csv", "Resume"),
        ("glassdoor_ds_job_postings/Uncleaned_DS_jobs.csv", "Job Description"),
        ("vacancy_resume_ranking/vacancies.csv", "job_description"),
        ("vacancy_resume_ranking/cv_texts.csv", "resume_text"),
        ("tfidf_corpus/corpus.csv", "text"),
        ("job_views_interactions/jobs_catalog.csv", "Position"),
    ];

    public static object Run(ScenarioArgs args)
    {
        int count = args.Int("docs", 10_000), repeat = args.Int("repeat", 3);
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        var kinds = (args.String("kinds") ?? "lsa,subword").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EmbeddedEncoder.ParseKind).ToArray();
        var (documents, source, distinct) = Corpus(data, count);

        var result = new Dictionary<string, object>
        {
            ["docs"] = documents.Count,
            ["distinct_docs"] = distinct,
            ["characters"] = documents.Sum(d => (long)d.Length),
            ["source"] = source,
            ["threads"] = Environment.ProcessorCount,
            ["repeat"] = repeat,
        };
        foreach (var kind in kinds)
        {
            var seconds = new double[repeat];
            IEmbeddedEncoder? encoder = null;
            for (int r = 0; r < repeat; r++)
            {
                // A collection between fits keeps one fit's garbage out of the next one's time.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long start = Stopwatch.GetTimestamp();
                encoder = EmbeddedEncoder.Fit(documents, kind);
                seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                Console.Error.WriteLine($"{kind}: fit {r + 1}/{repeat} in {seconds[r]:F1} s");
            }

            string name = kind.ToString().ToLowerInvariant();
            Array.Sort(seconds);
            result[$"{name}_fit_seconds_median"] = Math.Round(seconds[repeat / 2], 2);
            result[$"{name}_fit_seconds_best"] = Math.Round(seconds[0], 2);
            result[$"{name}_dimension"] = encoder!.Dimension;
            result[$"{name}_version"] = encoder.VersionId;
            using var artifact = new MemoryStream();
            encoder.Save(artifact);
            result[$"{name}_artifact_bytes"] = artifact.Length;
        }

        return result;
    }

    /// <summary>The documents, where they came from, and how many distinct texts there were before repeating.</summary>
    private static (List<string> Documents, string Source, int Distinct) Corpus(string data, int count)
    {
        var texts = new List<string>();
        string source = "sample";
        if (Directory.Exists(data))
        {
            foreach (var (file, column) in Sources)
            {
                string path = Path.Combine(data, file);
                if (File.Exists(path)) texts.AddRange(CorpusCsv.ReadColumn(path, column).Where(t => !string.IsNullOrWhiteSpace(t)));
            }

            source = "data";
        }

        if (texts.Count == 0)
        {
            texts.AddRange(SampleCorpus.Texts());
            source = "sample";
        }

        var distinct = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(20261129);
        var documents = new List<string>(count);
        while (documents.Count < count)
        {
            var round = (string[])distinct.Clone();
            random.Shuffle(round);
            documents.AddRange(round.Take(count - documents.Count));
        }

        return (documents, source, distinct.Length);
    }
}
