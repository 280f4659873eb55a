namespace TalentFlow.ML.Screening;

/// <summary>
/// Which O*NET occupations each resume category means (<c>category_occupations.tsv</c>, embedded): the ground truth of the
/// offline screening pairs — a resume is a match for an occupation when its category is the occupation's. Chosen from the
/// category names alone, one category per occupation.
/// </summary>
public static class CategoryOccupations
{
    private const string Resource = "TalentFlow.ML.Screening.category_occupations.tsv";
    private static readonly Lazy<IReadOnlyList<(string Category, string Code)>> DefaultMapping = new(() =>
    {
        using var stream = typeof(CategoryOccupations).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    });

    /// <summary>The embedded mapping, in file order: (category, O*NET-SOC code).</summary>
    public static IReadOnlyList<(string Category, string Code)> Default => DefaultMapping.Value;

    /// <summary>Reads <c>category TAB code [TAB title]</c> lines; <c>#</c> starts a comment.</summary>
    /// <exception cref="InvalidDataException">A line without two fields, or a code under two categories.</exception>
    public static IReadOnlyList<(string Category, string Code)> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<(string, string)>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0) throw new InvalidDataException($"line {number}: expected 'category<TAB>code'");
            string category = fields[0].Trim(), code = fields[1].Trim();
            if (owner.TryGetValue(code, out var other) && other != category) throw new InvalidDataException($"line {number}: {code} is under {other} and {category}");
            owner[code] = category;
            result.Add((category, code));
        }
        return result;
    }
}
