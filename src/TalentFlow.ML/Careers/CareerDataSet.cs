namespace TalentFlow.ML.Careers;

/// <summary>One labelled text: a career (role) and a text about it, with the source it came from.</summary>
/// <param name="Role">The career label, trimmed.</param>
/// <param name="Text">The text (a question and answer, a skills list, a job description, a book blurb, an O*NET description).</param>
/// <param name="Source">Which source produced it (<see cref="CareerDataSource"/>'s names).</param>
public sealed record CareerSample(string Role, string Text, string Source);

/// <summary>A book recommended for a career.</summary>
/// <param name="Title">The title.</param>
/// <param name="Author">The author, or empty.</param>
/// <param name="Description">A short description, or empty.</param>
public sealed record CareerBook(string Title, string Author, string Description);

/// <summary>The names of the sources a <see cref="CareerDataSet"/> merges.</summary>
public static class CareerDataSource
{
    /// <summary><c>career_qa.csv</c>: role, question, answer.</summary>
    public const string Qa = "career_qa";

    /// <summary><c>skills_mapping.csv</c>: role, skills, description.</summary>
    public const string Skills = "skills_mapping";

    /// <summary><c>job_descriptions.csv</c>: role, description, requirements.</summary>
    public const string Jobs = "job_descriptions";

    /// <summary><c>books_recommendations.csv</c>: role, book_title, author, description.</summary>
    public const string Books = "books_recommendations";

    /// <summary>O*NET occupations matched to a role by title (<see cref="OnetCatalog"/>).</summary>
    public const string Onet = "onet";
}

/// <summary>Findings of <see cref="CareerDataSet.Validate"/>: errors stop training, warnings are reported.</summary>
/// <param name="Errors">What makes the set unusable (too few samples for a role, too few roles).</param>
/// <param name="Warnings">What is weak but usable (thin roles, rows skipped for missing fields).</param>
public sealed record CareerDataValidation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The career advisor's training data: labelled texts merged from any subset of seed 004's four CSVs (and O*NET), without
/// duplicates, plus each role's skills (from <c>skills_mapping.csv</c>) and books (from <c>books_recommendations.csv</c>).
/// <see cref="CareerDataSetLoader"/> builds it; <see cref="CareerSampleData"/> generates one marked <see cref="IsSample"/>.
/// </summary>
public sealed class CareerDataSet
{
    /// <summary>Fewest samples a role needs to be learnable; fewer is a validation error.</summary>
    public const int MinSamplesPerRole = 5;

    /// <summary>Below this many samples a role is reported as thin (a warning).</summary>
    public const int ThinRoleSamples = 10;

    internal CareerDataSet(IReadOnlyList<CareerSample> samples, IReadOnlyDictionary<string, IReadOnlyList<string>> skills,
        IReadOnlyDictionary<string, IReadOnlyList<CareerBook>> books, IReadOnlyList<string> loadWarnings, bool isSample, int duplicatesRemoved)
    {
        Samples = samples;
        Skills = skills;
        Books = books;
        LoadWarnings = loadWarnings;
        IsSample = isSample;
        DuplicatesRemoved = duplicatesRemoved;
    }

    /// <summary>The distinct labelled texts, in source then file order.</summary>
    public IReadOnlyList<CareerSample> Samples { get; }

    /// <summary>Each role's skills, as listed in <c>skills_mapping.csv</c> (ordinal role names).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Skills { get; }

    /// <summary>Each role's books from <c>books_recommendations.csv</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CareerBook>> Books { get; }

    /// <summary>What the loader noticed: missing files, rows skipped for an empty required field.</summary>
    public IReadOnlyList<string> LoadWarnings { get; }

    /// <summary>True when some or all of the data is the project's generated sample data, not the user's.</summary>
    public bool IsSample { get; }

    /// <summary>Rows dropped because the same (role, text) was already in the set.</summary>
    public int DuplicatesRemoved { get; }

    /// <summary>The roles, ordinal order.</summary>
    public IReadOnlyList<string> Roles => [.. Samples.Select(s => s.Role).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Samples per source, ordinal order of source names.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountsBySource() =>
        [.. Samples.GroupBy(s => s.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))];

    /// <summary>Samples per role, ordinal order of roles.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountsByRole() =>
        [.. Samples.GroupBy(s => s.Role, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))];

    /// <summary>
    /// Checks the set can train a classifier: at least two roles, each with at least <see cref="MinSamplesPerRole"/> samples
    /// (errors); roles under <see cref="ThinRoleSamples"/> and the loader's warnings are warnings.
    /// </summary>
    public CareerDataValidation Validate()
    {
        var errors = new List<string>();
        var warnings = new List<string>(LoadWarnings);
        var counts = CountsByRole();
        if (counts.Count < 2) errors.Add($"need at least 2 roles, found {counts.Count}");
        foreach (var (role, count) in counts)
        {
            if (count < MinSamplesPerRole) errors.Add($"role '{role}' has {count} samples, at least {MinSamplesPerRole} are needed");
            else if (count < ThinRoleSamples) warnings.Add($"role '{role}' is thin: {count} samples (fewer than {ThinRoleSamples})");
        }

        if (IsSample) warnings.Add("some or all data is generated sample data, not real data");
        return new CareerDataValidation(errors, warnings);
    }
}
