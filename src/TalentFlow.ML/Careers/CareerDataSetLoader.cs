using System.Text;
using TalentFlow.ML.Text;

namespace TalentFlow.ML.Careers;

/// <summary>
/// Loads seed 004's CSVs from a folder — any subset of <c>career_qa.csv</c>, <c>skills_mapping.csv</c>,
/// <c>job_descriptions.csv</c>, <c>books_recommendations.csv</c> — merges them into labelled texts, drops duplicate
/// (role, text) pairs and, optionally, adds the O*NET occupations whose titles match a role. A missing file is replaced by
/// <see cref="CareerSampleData"/>'s rows for it, and the set is marked <see cref="CareerDataSet.IsSample"/>.
/// </summary>
public static class CareerDataSetLoader
{
    /// <summary>The files, their columns (the first is the role) and how many leading columns are required.</summary>
    internal static readonly (string Source, string File, string[] Columns, int Required)[] Files =
    [
        (CareerDataSource.Qa, "career_qa.csv", ["role", "question", "answer"], 3),
        (CareerDataSource.Skills, "skills_mapping.csv", ["role", "skills", "description"], 2),
        (CareerDataSource.Jobs, "job_descriptions.csv", ["role", "description", "requirements"], 2),
        (CareerDataSource.Books, "books_recommendations.csv", ["role", "book_title", "author", "description"], 2),
    ];

    /// <summary>
    /// Loads <paramref name="directory"/> (null: sample data only). When <paramref name="sampleFallback"/> is false a missing
    /// file is only a warning and contributes nothing.
    /// </summary>
    /// <exception cref="InvalidDataException">A file exists but is not a CSV with the expected columns.</exception>
    public static CareerDataSet Load(string? directory, OnetCatalog? onet = null, bool sampleFallback = true)
    {
        var samples = new List<CareerSample>();
        var seen = new HashSet<(string, string)>();
        var skills = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var books = new Dictionary<string, List<CareerBook>>(StringComparer.Ordinal);
        var warnings = new List<string>();
        bool isSample = false;
        int duplicates = 0;
        foreach (var (source, file, columns, required) in Files)
        {
            var path = directory is null ? null : Path.Combine(directory, file);
            IReadOnlyList<string[]> rows;
            if (path is not null && File.Exists(path))
            {
                rows = CsvColumns.Read(path, columns, required);
            }
            else if (sampleFallback)
            {
                rows = CareerSampleData.Rows(source);
                isSample = true;
                warnings.Add($"{file} not found{(directory is null ? string.Empty : $" in {directory}")}: using generated sample data");
            }
            else
            {
                warnings.Add($"{file} not found in {directory}: skipped");
                continue;
            }

            int skipped = 0;
            foreach (var row in rows)
            {
                var role = Clean(row[0]);
                var text = source switch
                {
                    CareerDataSource.Qa => Join(row[1], row[2]),
                    CareerDataSource.Skills => Join(row[1], row[2]),
                    CareerDataSource.Jobs => Join(row[1], row[2]),
                    _ => Join(row[1], row[2], row[3]),
                };
                bool complete = row.Take(required).All(v => !string.IsNullOrWhiteSpace(v));
                if (!complete)
                {
                    skipped++;
                    continue;
                }

                if (source == CareerDataSource.Skills) Add(skills, role, SplitSkills(row[1]));
                if (source == CareerDataSource.Books) Add(books, role, [new CareerBook(Clean(row[1]), Clean(row[2]), Clean(row[3]))]);
                if (seen.Add((role, text.ToLowerInvariant()))) samples.Add(new CareerSample(role, text, source));
                else duplicates++;
            }

            if (skipped > 0) warnings.Add($"{file}: {skipped} rows without a role or a required field skipped");
        }

        if (onet is not null)
        {
            foreach (var role in samples.Select(s => s.Role).Distinct(StringComparer.Ordinal).ToArray())
            {
                foreach (var occupation in onet.Match(role, max: 3))
                {
                    var text = occupation.Text;
                    if (seen.Add((role, text.ToLowerInvariant()))) samples.Add(new CareerSample(role, text, CareerDataSource.Onet));
                    else duplicates++;
                }
            }
        }

        return new CareerDataSet(samples,
            skills.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.Ordinal),
            books.ToDictionary(p => p.Key, p => (IReadOnlyList<CareerBook>)p.Value.DistinctBy(b => b.Title.ToLowerInvariant()).ToArray(), StringComparer.Ordinal),
            warnings, isSample, duplicates);
    }

    /// <summary>Splits a skills cell on commas, semicolons, pipes and slashes-with-spaces.</summary>
    internal static string[] SplitSkills(string cell) =>
        [.. cell.Split([',', ';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Clean).Where(s => s.Length > 0)];

    private static void Add<T>(Dictionary<string, List<T>> map, string role, IEnumerable<T> items)
    {
        if (!map.TryGetValue(role, out var list)) map[role] = list = [];
        list.AddRange(items);
    }

    private static string Join(params string[] parts) => string.Join(". ", parts.Select(Clean).Where(p => p.Length > 0));

    /// <summary>Trims and collapses runs of white space to one space.</summary>
    internal static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        bool space = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0) builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
