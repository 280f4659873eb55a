using System.Globalization;
using TalentFlow.ML.Text;

namespace TalentFlow.ML.Screening;

/// <summary>
/// Real job ads (another wording than O*NET's one-paragraph occupation descriptions: long, sectioned, with benefits and
/// company blurbs) against resumes of known category, positive when the ad's role is the resume's category:
/// data-science postings (<c>Uncleaned_DS_jobs.csv</c> of <c>../shared/data/glassdoor_ds_job_postings</c>, titles naming a data
/// scientist or machine-learning role) match <c>Data Science</c> resumes, software-developer vacancies
/// (<c>vacancies.csv</c> of <c>../shared/data/vacancy_resume_ranking</c>) match the developer categories (Java, .NET, Python), of
/// <c>../shared/data/updated_resume_dataset</c> (duplicates folded). Split so that neither side is in both: resumes by a seeded
/// hash of their text, ads by a seeded hash of their row (a third of each held out).
/// </summary>
public sealed class ScreeningAdsCorpus
{
    /// <summary>The category of the data-science ads.</summary>
    public const string DataScience = "DATA-SCIENCE";

    /// <summary>The category of the software-developer ads.</summary>
    public const string SoftwareDeveloper = "SOFTWARE-DEVELOPER";

    private static readonly Dictionary<string, string> ResumeGroups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Data Science"] = DataScience,
        ["Java Developer"] = SoftwareDeveloper,
        ["DotNet Developer"] = SoftwareDeveloper,
        ["Python Developer"] = SoftwareDeveloper,
    };

    private ScreeningAdsCorpus(IReadOnlyList<CategorizedResume> trainResumes, IReadOnlyList<CategorizedResume> testResumes,
        IReadOnlyList<CategorizedJob> trainJobs, IReadOnlyList<CategorizedJob> testJobs)
    {
        TrainResumes = trainResumes;
        TestResumes = testResumes;
        TrainJobs = trainJobs;
        TestJobs = testJobs;
    }

    /// <summary>Resumes to train on.</summary>
    public IReadOnlyList<CategorizedResume> TrainResumes { get; }

    /// <summary>Held-out resumes.</summary>
    public IReadOnlyList<CategorizedResume> TestResumes { get; }

    /// <summary>Ads to train on.</summary>
    public IReadOnlyList<CategorizedJob> TrainJobs { get; }

    /// <summary>Held-out ads.</summary>
    public IReadOnlyList<CategorizedJob> TestJobs { get; }

    /// <summary>Loads and splits.</summary>
    /// <param name="dataDirectory">The folder holding <c>glassdoor_ds_job_postings</c>, <c>vacancy_resume_ranking</c> and <c>updated_resume_dataset</c>.</param>
    /// <param name="seed">Seed of the splits.</param>
    /// <param name="adsPerSide">Data-science ads kept (seeded) on each side, so that the one category does not swamp the pairs. Default 30.</param>
    /// <exception cref="InvalidDataException">Missing files or columns.</exception>
    public static ScreeningAdsCorpus Load(string dataDirectory, int seed = 0, int adsPerSide = 30)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(adsPerSide, 1);
        var normalizer = new TextNormalizer();
        var resumes = CsvColumns.Read(Path.Combine(dataDirectory, "updated_resume_dataset", "UpdatedResumeDataSet.csv"), ["Category", "Resume"], 2)
            .Where(r => r[1].Trim().Length > 0)
            .Select(r => (Category: r[0].Trim(), Text: normalizer.Normalize(r[1])))
            .DistinctBy(r => r.Text, StringComparer.Ordinal)
            .Select(r => new CategorizedResume("ad-resume-" + Hash(r.Text), ResumeGroups.GetValueOrDefault(r.Category, r.Category.ToUpperInvariant()), r.Text))
            .ToArray();
        if (resumes.Length == 0) throw new InvalidDataException("updated_resume_dataset: no resumes");

        var ads = new List<CategorizedJob>();
        var postings = CsvColumns.Read(Path.Combine(dataDirectory, "glassdoor_ds_job_postings", "Uncleaned_DS_jobs.csv"), ["index", "Job Title", "Job Description"], 3);
        foreach (var row in postings)
        {
            string title = row[1].Trim();
            if (!title.Contains("data scientist", StringComparison.OrdinalIgnoreCase) && !title.Contains("machine learning", StringComparison.OrdinalIgnoreCase)) continue;
            if (row[2].Trim().Length == 0) continue;
            ads.Add(new CategorizedJob(DataScience, "glassdoor-" + row[0].Trim(), new ScreeningJob(title, normalizer.Normalize(row[2]))));
        }
        var vacancies = CsvColumns.Read(Path.Combine(dataDirectory, "vacancy_resume_ranking", "vacancies.csv"), ["vacancy_number", "job_title", "job_description"], 3);
        var developerAds = vacancies.Where(v => v[2].Trim().Length > 0)
            .Select(v => new CategorizedJob(SoftwareDeveloper, "vacancy-" + v[0].Trim(), new ScreeningJob(v[1].Trim(), normalizer.Normalize(v[2]))))
            .ToArray();
        if (ads.Count == 0 || developerAds.Length == 0) throw new InvalidDataException("glassdoor_ds_job_postings or vacancy_resume_ranking: no ads");

        bool HeldOutJob(CategorizedJob j) => ScreeningModelTrainer.Unit(j.Code, "ad-test", seed) < 1 / 3.0;
        var ordered = ads.OrderBy(a => ScreeningModelTrainer.Unit(a.Code, "ad-order", seed)).ToArray();
        var trainJobs = ordered.Where(a => !HeldOutJob(a)).Take(adsPerSide).Concat(developerAds.Where(a => !HeldOutJob(a))).ToArray();
        var testJobs = ordered.Where(HeldOutJob).Take(adsPerSide).Concat(developerAds.Where(HeldOutJob)).ToArray();
        bool HeldOut(CategorizedResume r) => ScreeningModelTrainer.Unit(r.Id, "ad-resume-test", seed) < 1 / 3.0;
        return new ScreeningAdsCorpus([.. resumes.Where(r => !HeldOut(r))], [.. resumes.Where(HeldOut)], trainJobs, testJobs);
    }

    /// <summary>A one-line summary of the split's sizes.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TrainResumes.Count} train / {TestResumes.Count} held-out resumes, {TrainJobs.Count} train / {TestJobs.Count} held-out ads");

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
