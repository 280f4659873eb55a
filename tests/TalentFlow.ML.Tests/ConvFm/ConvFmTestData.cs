using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Tests.ConvFm;

/// <summary>Tiny models and synthetic examples shared by the ConvFM tests.</summary>
internal static class ConvFmTestData
{
    public const int Users = 3;
    public const int Jobs = 4;
    public const int Skills = 5;
    public const int Locations = 3;
    public const int Companies = 2;

    /// <summary>Small enough that a finite-difference sweep over every element is quick.</summary>
    public static ConvFmOptions TinyOptions() => new()
    {
        EmbeddingDim = 4,
        ConvFilters = 3,
        HiddenUnits = [5, 4],
        EmbeddingInitStd = 0.5,
        Seed = 11,
    };

    public static ConvFmInput[] Batch() =>
    [
        new(0, 0, [1, 2], 0, 0),
        new(1, 1, [3], 1, 1),
        new(2, 2, [], 2, 0),
        new(0, 3, [4, 0, 1], 1, 1),
        new(1, 2, [2, 2], 0, 1),
    ];

    public static double[] Labels() => [1, 0, 1, 0, 1];

    /// <summary>A learnable synthetic task: a pair is positive when user and job share parity, or the job's company is 0.</summary>
    public static List<ConvFmExample> Synthetic(int count, int seed, ConvFmVocabularies vocabularies)
    {
        var random = new Random(seed);
        var examples = new List<ConvFmExample>(count);
        for (var i = 0; i < count; i++)
        {
            var user = random.Next(vocabularies.Users.Count);
            var job = random.Next(vocabularies.Jobs.Count);
            var company = job % vocabularies.Companies.Count;
            int[] skills = [1 + (user % (vocabularies.Skills.Count - 1)), 1 + random.Next(vocabularies.Skills.Count - 1)];
            var label = (user % 2 == job % 2) || company == 0 ? 1f : 0f;
            examples.Add(new ConvFmExample(new ConvFmInput(user, job, skills, job % vocabularies.Locations.Count, company), label));
        }

        return examples;
    }

    public static ConvFmVocabularies Vocabularies(int users = 12, int jobs = 16) => new(
        Names("u", users),
        Names("j", jobs),
        ["<pad>", .. Names("s", 6)],
        Names("loc", 3),
        Names("c", 4));

    /// <summary>Walks up from the test binaries to the source tree, where the golden file is committed next to its test.</summary>
    public static string SourceFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "TalentFlow.ML.Tests", "ConvFm", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}.");
    }

    private static string[] Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];
}
