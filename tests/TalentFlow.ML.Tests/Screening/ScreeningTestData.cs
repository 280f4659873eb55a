using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

/// <summary>Synthetic texts and labelled feature vectors for the screening tests (no real data).</summary>
internal static class ScreeningTestData
{
    public static readonly (string Code, string Title, string Text)[] Occupations =
    [
        ("15-1252.00", "Software Developers", "Software Developers. Design and develop software applications in C#, Python and SQL; write unit tests and review code."),
        ("29-1141.00", "Registered Nurses", "Registered Nurses. Assess patient health, administer medication, keep patient records and coordinate care with physicians."),
        ("13-2011.00", "Accountants and Auditors", "Accountants and Auditors. Prepare financial statements, audit ledgers, reconcile accounts and file tax returns under GAAP."),
        ("35-1011.00", "Chefs and Head Cooks", "Chefs and Head Cooks. Plan menus, prepare dishes, supervise kitchen staff and keep food safety standards."),
    ];

    private static readonly Lazy<ScreeningVocabulary> LazyVocabulary = new(() =>
        ScreeningVocabulary.Fit([.. Occupations.Select(o => o.Text)], Occupations, new ScreeningVocabularyOptions { TermsPerOccupation = 20, OccupationsPerDocument = 3 }));

    public static ScreeningVocabulary Vocabulary => LazyVocabulary.Value;

    public static ScreeningFeatures Features() => new(Vocabulary);

    /// <summary>
    /// Jobs × candidates; a candidate's fit to a job is a hidden score: three features carry it with noise, the others are noise,
    /// each job has its own base rate, and the label is drawn from a logistic of the score. Learnable, but not by one feature.
    /// </summary>
    public static List<ScreeningExample> Examples(int jobs, int candidatesPerJob, int seed, bool shuffle = false)
    {
        var random = new Random(seed);
        int d = ScreeningFeatures.BaseNames.Count;
        var examples = new List<ScreeningExample>();
        for (int j = 0; j < jobs; j++)
        {
            double jobBias = random.NextDouble() * 2 - 1;
            for (int c = 0; c < candidatesPerJob; c++)
            {
                double fit = Gaussian(random);
                var x = new float[d];
                for (int k = 0; k < d; k++) x[k] = (float)Gaussian(random);
                x[0] = (float)(0.8 * fit + 0.6 * Gaussian(random));
                x[6] = (float)(0.8 * fit + 0.6 * Gaussian(random));
                x[9] = (float)(0.7 * fit + 0.7 * Gaussian(random));
                bool label = random.NextDouble() < 1 / (1 + Math.Exp(-(3 * fit + jobBias - 1)));
                examples.Add(new ScreeningExample($"job-{j}", $"cand-{j}-{c}", x, label));
            }
        }
        if (!shuffle) return examples;
        var labels = examples.Select(e => e.Shortlisted).ToArray();
        new Random(seed + 1).Shuffle(labels);
        return [.. examples.Select((e, i) => e with { Shortlisted = labels[i] })];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
