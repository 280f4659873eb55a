using CsvHelper;
using CsvHelper.Configuration;
using System.Globalization;
using System.Text;
using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// Labelled pairs for fine-tuning from real data with no leakage: resumes of known category (<c>ID,Category,Resume</c>,
/// as <c>../shared/data/resume_pdf_categories/resumes.csv</c>) against O*NET occupations posted as jobs (title + description),
/// score 1 when the resume's category is the occupation's (<see cref="CategoryOccupations"/>), else 0. The split is
/// <see cref="ScreeningCorpus"/>'s: resumes by a seeded hash of their id, occupations by SOC group — no resume and no
/// occupation is on both sides. Each resume gets <c>positives</c> occupations of its category and <c>negatives</c> of
/// other categories, drawn from its own side with a fixed seed; a held-out resume whose category has no held-out
/// occupation is left out (it would have no positive).
/// </summary>
public static class ScreeningPairSets
{
    /// <summary>Builds the training and validation pairs.</summary>
    /// <exception cref="InvalidDataException">Missing files or columns.</exception>
    public static (IReadOnlyList<TextPair> Train, IReadOnlyList<TextPair> Validation) Build(string resumesCsv, string onetDirectory,
        int seed = 0, int positives = 1, int negatives = 1, int maxTrainResumes = int.MaxValue, int maxValidationResumes = int.MaxValue)
    {
        var corpus = ScreeningCorpus.Load(resumesCsv, onetDirectory, seed);
        var random = new Random(seed);
        return (Pairs(corpus.TrainResumes, corpus.TrainJobs, positives, negatives, maxTrainResumes, random),
            Pairs(corpus.TestResumes, corpus.TestJobs, positives, negatives, maxValidationResumes, random));
    }

    /// <summary>The job side's text: title, then the description.</summary>
    public static string JobText(CategorizedJob job) => $"{job.Job.Title}. {job.Job.Description}";

    /// <summary>Writes pairs as CSV with the seed's columns <c>resume,job_description,score</c>.</summary>
    public static void WriteCsv(string path, IEnumerable<TextPair> pairs)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        csv.WriteField("resume");
        csv.WriteField("job_description");
        csv.WriteField("score");
        csv.NextRecord();
        foreach (var p in pairs)
        {
            csv.WriteField(p.Left);
            csv.WriteField(p.Right);
            csv.WriteField(p.Score.ToString(CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }

    private static List<TextPair> Pairs(IReadOnlyList<CategorizedResume> resumes, IReadOnlyList<CategorizedJob> jobs, int positives, int negatives,
        int maxResumes, Random random)
    {
        var byCategory = jobs.GroupBy(j => j.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var pairs = new List<TextPair>();
        var usable = resumes.Where(r => byCategory.ContainsKey(r.Category)).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        random.Shuffle(usable);
        foreach (var resume in usable.Take(maxResumes))
        {
            var same = byCategory[resume.Category];
            var other = jobs.Where(j => j.Category != resume.Category).ToArray();
            foreach (var job in Sample(same, positives, random))
            {
                pairs.Add(new TextPair(resume.Text, JobText(job), 1));
            }

            foreach (var job in Sample(other, negatives, random))
            {
                pairs.Add(new TextPair(resume.Text, JobText(job), 0));
            }
        }

        return pairs;
    }

    private static IEnumerable<CategorizedJob> Sample(CategorizedJob[] jobs, int count, Random random)
    {
        var copy = jobs.ToArray();
        random.Shuffle(copy);
        return copy.Take(count);
    }
}
