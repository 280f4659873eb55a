using TalentFlow.ML.Text;

namespace TalentFlow.ML.Careers;

/// <summary>An O*NET occupation with its description and the technologies it uses (hot technologies first).</summary>
/// <param name="Code">The O*NET-SOC code, e.g. <c>15-1252.00</c>.</param>
/// <param name="Title">The occupation's title.</param>
/// <param name="Description">What the occupation does.</param>
/// <param name="Technologies">Technology examples, hot ones first, each once.</param>
public sealed record OnetOccupation(string Code, string Title, string Description, IReadOnlyList<string> Technologies)
{
    /// <summary>Title, description and up to 30 technologies as one text.</summary>
    public string Text => Technologies.Count == 0
        ? $"{Title}. {Description}"
        : $"{Title}. {Description} Technologies: {string.Join(", ", Technologies.Take(30))}.";
}

/// <summary>
/// O*NET occupations and technology skills read from a folder holding <c>occupation_data.csv</c> and
/// <c>technology_skills.csv</c> (the semicolon-separated exports in <c>../shared/data/onet_occupations_tech_skills</c>):
/// the advisor's source of real skills per career.
/// </summary>
public sealed class OnetCatalog
{
    /// <summary>The occupations file's name.</summary>
    public const string OccupationsFile = "occupation_data.csv";

    /// <summary>The technology skills file's name.</summary>
    public const string TechnologiesFile = "technology_skills.csv";

    private OnetCatalog(IReadOnlyList<OnetOccupation> occupations) => Occupations = occupations;

    /// <summary>The occupations in file order.</summary>
    public IReadOnlyList<OnetOccupation> Occupations { get; }

    /// <summary>Reads the two files in <paramref name="directory"/>; the technologies file is optional.</summary>
    /// <exception cref="InvalidDataException">No occupations file, or one without the expected columns or rows.</exception>
    public static OnetCatalog Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var occupations = CsvColumns.Read(Path.Combine(directory, OccupationsFile), ["O*NET-SOC Code", "Title", "Description"], 3, ';');
        var technologies = new Dictionary<string, List<(string Name, bool Hot)>>(StringComparer.Ordinal);
        var techPath = Path.Combine(directory, TechnologiesFile);
        if (File.Exists(techPath))
        {
            foreach (var row in CsvColumns.Read(techPath, ["O*NET-SOC Code", "Example", "Hot Technology"], 2, ';'))
            {
                if (!technologies.TryGetValue(row[0], out var list)) technologies[row[0]] = list = [];
                if (row[1].Trim().Length > 0) list.Add((row[1].Trim(), row[2].Trim() == "Y"));
            }
        }

        var result = occupations
            .Where(r => r[0].Trim().Length > 0 && r[1].Trim().Length > 0)
            .Select(r => new OnetOccupation(r[0].Trim(), r[1].Trim(), CareerDataSetLoader.Clean(r[2]),
                technologies.TryGetValue(r[0].Trim(), out var t)
                    ? [.. t.OrderBy(x => x.Hot ? 0 : 1).Select(x => x.Name).Distinct(StringComparer.OrdinalIgnoreCase)]
                    : []))
            .ToArray();
        return result.Length == 0 ? throw new InvalidDataException($"{OccupationsFile}: no occupations") : new OnetCatalog(result);
    }

    /// <summary>
    /// Up to <paramref name="max"/> occupations whose titles share most words with <paramref name="role"/> (Jaccard over
    /// lower-cased words with a plural 's' dropped, at least 0.5, every word of the role in the title), best first; a tie keeps
    /// file order.
    /// </summary>
    public IReadOnlyList<OnetOccupation> Match(string role, int max = 3)
    {
        var words = Words(role);
        if (words.Count == 0) return [];
        return [.. Occupations
            .Select(o => (Occupation: o, Title: Words(o.Title)))
            .Where(p => words.IsSubsetOf(p.Title))
            .Select(p => (p.Occupation, Score: Jaccard(words, p.Title)))
            .Where(p => p.Score >= 0.5)
            .OrderByDescending(p => p.Score)
            .Take(max)
            .Select(p => p.Occupation)];
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        int common = a.Count(b.Contains);
        return common == 0 ? 0 : common / (double)(a.Count + b.Count - common);
    }

    private static HashSet<string> Words(string text) =>
        [.. text.ToLowerInvariant().Split([' ', ',', '/', '-', '(', ')', '&'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("and" or "or" or "of" or "the" or "all" or "other"))
            .Select(w => w.Length > 3 && w.EndsWith('s') ? w[..^1] : w)];
}
