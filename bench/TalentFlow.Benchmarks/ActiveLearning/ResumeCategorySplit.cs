using TalentFlow.ML.Text;

namespace TalentFlow.Benchmarks.ActiveLearning;

/// <summary>One resume: its id, its category (the simulated reviewer's truth) and its text.</summary>
internal sealed record CategorizedResume(string Id, string Category, string Text);

/// <summary>
/// resume_pdf_categories' <c>resumes.csv</c> (ID, Category, Resume) split by resume into a pool and a held-out test split:
/// within each category, the ids in ordinal order are shuffled with a fixed seed and every third goes to test, so each
/// category keeps about a third of its resumes for testing and no resume (the set is deduplicated by text) is on both sides.
/// </summary>
internal sealed class ResumeCategorySplit
{
    /// <summary>Seed of the split; fixed, so every run and strategy is measured on the same test split.</summary>
    public const int SplitSeed = 20261129;

    private ResumeCategorySplit(IReadOnlyList<CategorizedResume> pool, IReadOnlyList<CategorizedResume> test, IReadOnlyList<string> categories)
    {
        Pool = pool;
        Test = test;
        Categories = categories;
    }

    public IReadOnlyList<CategorizedResume> Pool { get; }

    public IReadOnlyList<CategorizedResume> Test { get; }

    /// <summary>The categories, ordinal order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>
    /// Reads <paramref name="path"/> (the CSV, or a folder holding <c>resumes.csv</c>); <paramref name="dropFirstLine"/> removes
    /// each resume's first line (the applicant's job title, which often names the category: SOURCE.md's label leakage).
    /// </summary>
    public static ResumeCategorySplit Load(string path, bool dropFirstLine)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "resumes.csv") : path;
        if (!File.Exists(file)) throw new ArgumentException($"no resumes.csv at {path} (pass --data with the resume_pdf_categories folder)");
        List<string[]> rows;
        try
        {
            rows = CsvColumns.Read(file, ["ID", "Category", "Resume"], 3);
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        var resumes = rows
            .Where(r => !string.IsNullOrWhiteSpace(r[2]))
            .Select(r => new CategorizedResume(r[0].Trim(), r[1].Trim(), dropFirstLine ? WithoutFirstLine(r[2]) : r[2]))
            .ToList();
        if (resumes.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != resumes.Count) throw new ArgumentException($"{file}: duplicate resume ids");

        var random = new Random(SplitSeed);
        var pool = new List<CategorizedResume>();
        var test = new List<CategorizedResume>();
        var categories = resumes.Select(r => r.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var category in categories)
        {
            var members = resumes.Where(r => r.Category == category).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
            random.Shuffle(members);
            for (int i = 0; i < members.Length; i++) (i % 3 == 0 ? test : pool).Add(members[i]);
        }

        return new ResumeCategorySplit(pool, test, categories);
    }

    private static string WithoutFirstLine(string text)
    {
        var trimmed = text.Trim();
        int newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? trimmed : trimmed[(newline + 1)..];
    }
}
