using System.Globalization;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Text;

namespace TalentFlow.ML.Screening;

/// <summary>A resume of known category.</summary>
/// <param name="Id">Its id (the candidate).</param>
/// <param name="Category">Its category.</param>
/// <param name="Text">Its text, normalised as an upload is.</param>
public sealed record CategorizedResume(string Id, string Category, string Text);

/// <summary>An occupation posted as a one-paragraph job: its title and description, and the resume category it means.</summary>
/// <param name="Category">The resume category whose resumes match it.</param>
/// <param name="Code">Its O*NET-SOC code (the job id).</param>
/// <param name="Job">Title and the description as one paragraph, no sections.</param>
public sealed record CategorizedJob(string Category, string Code, ScreeningJob Job);

/// <summary>
/// Real labelled screening pairs: resumes of known category (<c>ID,Category,Resume</c> CSV, as
/// <c>../shared/data/resume_pdf_categories/resumes.csv</c>) against O*NET occupations posted as one-paragraph jobs, positive when
/// the resume's category is the occupation's (<see cref="CategoryOccupations"/>). Split so that neither side is seen in both:
/// resumes by a seeded hash of their id (a third held out); occupations by their 6-digit SOC group (<c>13-2011.00</c> and
/// <c>13-2011.01</c> stay together), every third group of a category held out, in mapping order.
/// </summary>
public sealed class ScreeningCorpus
{
    private ScreeningCorpus(OnetCatalog catalog, IReadOnlyList<CategorizedResume> trainResumes, IReadOnlyList<CategorizedResume> testResumes,
        IReadOnlyList<CategorizedJob> trainJobs, IReadOnlyList<CategorizedJob> testJobs)
    {
        Catalog = catalog;
        TrainResumes = trainResumes;
        TestResumes = testResumes;
        TrainJobs = trainJobs;
        TestJobs = testJobs;
    }

    /// <summary>Every O*NET occupation.</summary>
    public OnetCatalog Catalog { get; }

    /// <summary>Resumes to train on.</summary>
    public IReadOnlyList<CategorizedResume> TrainResumes { get; }

    /// <summary>Held-out resumes.</summary>
    public IReadOnlyList<CategorizedResume> TestResumes { get; }

    /// <summary>Occupations to train on.</summary>
    public IReadOnlyList<CategorizedJob> TrainJobs { get; }

    /// <summary>Held-out occupations.</summary>
    public IReadOnlyList<CategorizedJob> TestJobs { get; }

    /// <summary>The protocol: one held-out job per category (the first held out in mapping order).</summary>
    public IReadOnlyList<CategorizedJob> ProtocolJobs => [.. TestJobs.GroupBy(j => j.Category, StringComparer.Ordinal).Select(g => g.First())];

    /// <summary>Codes of the held-out occupations: the occupation space must not hold them.</summary>
    public IReadOnlySet<string> HeldOutCodes => TestJobs.Select(j => j.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>Loads and splits.</summary>
    /// <param name="resumesCsv">CSV with columns <c>ID</c>, <c>Category</c>, <c>Resume</c>.</param>
    /// <param name="onetDirectory">Folder with <c>occupation_data.csv</c> (and <c>technology_skills.csv</c>).</param>
    /// <param name="seed">Seed of the resume split.</param>
    /// <param name="mapping">Category → codes; default <see cref="CategoryOccupations.Default"/>.</param>
    /// <exception cref="InvalidDataException">Missing files or columns, or a mapped code O*NET does not have.</exception>
    public static ScreeningCorpus Load(string resumesCsv, string onetDirectory, int seed = 0, IReadOnlyList<(string Category, string Code)>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(resumesCsv);
        ArgumentNullException.ThrowIfNull(onetDirectory);
        mapping ??= CategoryOccupations.Default;
        var catalog = OnetCatalog.Load(onetDirectory);
        var normalizer = new TextNormalizer();
        var resumes = CsvColumns.Read(resumesCsv, ["ID", "Category", "Resume"], 3)
            .Where(r => r[2].Trim().Length > 0)
            .Select(r => new CategorizedResume(r[0].Trim(), r[1].Trim(), normalizer.Normalize(r[2])))
            .ToArray();
        if (resumes.Length == 0) throw new InvalidDataException($"{Path.GetFileName(resumesCsv)}: no resumes");
        var byCode = catalog.Occupations.ToDictionary(o => o.Code, StringComparer.Ordinal);
        var trainJobs = new List<CategorizedJob>();
        var testJobs = new List<CategorizedJob>();
        foreach (var category in mapping.GroupBy(m => m.Category, StringComparer.Ordinal))
        {
            var groups = category.Select(m => m.Code).GroupBy(c => c[..Math.Min(7, c.Length)], StringComparer.Ordinal).ToArray();
            for (int g = 0; g < groups.Length; g++)
            {
                foreach (var code in groups[g])
                {
                    if (!byCode.TryGetValue(code, out var occupation)) throw new InvalidDataException($"O*NET has no occupation {code} (mapped to {category.Key})");
                    var job = new CategorizedJob(category.Key, code, new ScreeningJob(occupation.Title, normalizer.Normalize(occupation.Description)));
                    (groups.Length > 1 && g % 3 == 1 ? testJobs : trainJobs).Add(job);
                }
            }
        }
        bool HeldOut(CategorizedResume r) => ScreeningModelTrainer.Unit(r.Id, "resume-test", seed) < 1 / 3.0;
        return new ScreeningCorpus(catalog, [.. resumes.Where(r => !HeldOut(r))], [.. resumes.Where(HeldOut)], trainJobs, testJobs);
    }

    /// <summary>A one-line summary of the split's sizes.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TrainResumes.Count} train / {TestResumes.Count} held-out resumes, {TrainJobs.Count} train / {TestJobs.Count} held-out occupations");
}
