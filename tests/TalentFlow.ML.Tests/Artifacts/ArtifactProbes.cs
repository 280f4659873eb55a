using TalentFlow.ML.Careers;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;
using TalentFlow.ML.Screening;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tests.ConvFm;
using TalentFlow.ML.Tests.Screening;
using TalentFlow.ML.Tests.Semantic;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Artifacts;

/// <summary>
/// Small models of every artifact kind, built from fixed seeds, and the numbers each one scores on fixed probes. The fixtures in
/// Fixtures/Artifacts were written by the hand-written writers these readers replaced, with these probes' scores beside them.
/// </summary>
internal static class ArtifactProbes
{
    public static readonly string[] Kinds = ["lsa", "subword", "career-mlp", "career-tfidf", "baseline", "job-ranker", "convfm", "screening-v1", "screening-v2"];

    private static readonly string[] Texts =
    [
        "nurse on the icu ward", "kubernetes helm deployment", "", "tax audit payroll excel", "reports north river budget", "river north clients",
    ];

    private const string Job = "Backend engineer\nRequirements:\nC#, .NET, SQL, Kubernetes\nResponsibilities:\nbuild and run microservices\nEducation:\nBSc in computer science";
    private const string Good = "Skills: C#, .NET, SQL, Docker\nExperience: built microservices on Docker Swarm for 5 years\nEducation: BSc computer science";
    private const string Poor = "Skills: nursing, patient care\nExperience: ICU nurse at a city hospital\nEducation: BSc nursing";

    public static string FixturePath(string kind) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Artifacts", kind + ".json");

    public static string ScoresPath(string kind) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Artifacts", kind + ".scores.json");

    /// <summary>A fresh small model of <paramref name="kind"/>.</summary>
    public static object Build(string kind) => kind switch
    {
        "lsa" => LsaEncoder.Fit(TopicCorpus.Documents(), new LsaOptions { Dimensions = 4, Oversampling = 4, Seed = 3, Tfidf = new TfidfOptions { MaxFeatures = 60, NGramMax = 1 } }),
        "subword" => SubwordEncoder.Fit(TopicCorpus.Documents(), new SubwordOptions { Dimensions = 4, Oversampling = 4, Buckets = 32, MaxVocabulary = 60, Seed = 3 }),
        "career-mlp" => Career(CareerClassifierKind.Mlp),
        "career-tfidf" => Career(CareerClassifierKind.Tfidf),
        "baseline" => BaselineMatcher.Fit([Job, Good, Poor, "Accountant with Excel and GAAP", "Teacher of mathematics"]),
        "job-ranker" => new LearnedJobRankerModel(["a", "b_ü", "c"], [0.5, 1.0 / 3, -2e-7], [1.25, 0.1, 3e5], [0.7, -1.0 / 7, 1e-12], 0.3, 150, 0.05, 0.125,
            new Dictionary<string, double> { ["auc"] = 0.8123456789012345, ["nan"] = double.NaN, ["hr@10"] = 1.0 / 3 }),
        "convfm" => ConvFm(),
        "screening-v1" => Screening(background: null),
        "screening-v2" => Screening(new ScreeningBackground("pool", ["Nurse\nSkills\npatient care, medication", "Accountant\nSkills\nGAAP, auditing", "Chef\nSkills\nmenus, food safety"])),
        _ => throw new ArgumentException(kind),
    };

    /// <summary>What <paramref name="model"/> scores on this kind's probes, flattened.</summary>
    public static double[] Scores(object model) => model switch
    {
        IEmbeddedEncoder encoder => [.. encoder.EmbedAsync(Texts).GetAwaiter().GetResult().SelectMany(v => v).Select(f => (double)f)],
        CareerModel career => [.. Texts.SelectMany(career.Probabilities).Select(f => (double)f)],
        BaselineMatcher matcher => [.. new[] { (Good, Job), (Poor, Job), (Job, Good) }.SelectMany(p => matcher.Score(p.Item1, p.Item2) is var r ? [r.Score, r.RawScore, .. r.SectionScores.Values] : Array.Empty<double>())],
        LearnedJobRankerModel ranker => [ranker.Logit([1f, 2f, 3f]), ranker.Logit([-0.5f, 0f, 1e6f]), ranker.Candidates, ranker.StateWeight, ranker.CityWeight, .. ranker.Metrics.Values.Where(double.IsFinite)],
        ConvFmModel convFm => ConvFmScores(convFm),
        ScreeningModel screening => ScreeningScores(screening),
        _ => throw new ArgumentException(model.GetType().Name),
    };

    public static void Save(object model, Stream stream)
    {
        switch (model)
        {
            case IEmbeddedEncoder m: m.Save(stream); break;
            case CareerModel m: m.Save(stream); break;
            case BaselineMatcher m: m.Save(stream); break;
            case LearnedJobRankerModel m: m.Save(stream); break;
            case ConvFmModel m: m.Save(stream); break;
            case ScreeningModel m: m.Save(stream); break;
            default: throw new ArgumentException(model.GetType().Name);
        }
    }

    public static object Load(string kind, Stream stream) => kind switch
    {
        "lsa" => LsaEncoder.Load(stream),
        "subword" => SubwordEncoder.Load(stream),
        "career-mlp" or "career-tfidf" => CareerModel.Load(stream),
        "baseline" => BaselineMatcher.Load(stream),
        "job-ranker" => LearnedJobRankerModel.Load(stream),
        "convfm" => ConvFmModel.Load(stream),
        "screening-v1" or "screening-v2" => ScreeningModel.Load(stream),
        _ => throw new ArgumentException(kind),
    };

    public static byte[] Bytes(object model)
    {
        using var stream = new MemoryStream();
        Save(model, stream);
        return stream.ToArray();
    }

    private static CareerModel Career(CareerClassifierKind kind)
    {
        string[] filler = ["reports", "meetings", "budget", "clients", "planning", "data", "teams", "quality"];
        var random = new Random(7);
        var texts = new List<string>();
        var labels = new List<string>();
        for (int i = 0; i < 36; i++)
        {
            var words = Enumerable.Range(0, 6).Select(_ => filler[random.Next(filler.Length)]).ToList();
            bool first = i % 2 == 0;
            words.Insert(random.Next(words.Count), first ? "north river" : "river north");
            texts.Add(string.Join(' ', words));
            labels.Add(first ? "Ferry Pilot" : "Harbour Master");
        }

        var options = new CareerModelOptions
        {
            Dimensions = 4, Folds = 3, ClassifierKind = kind, SvmCosts = [1], HeadlineWords = kind == CareerClassifierKind.Tfidf ? [3] : [0],
            Classifier = new CareerClassifierTrainer.Options { Hidden = 4 },
        };
        return CareerModelTrainer.Train([.. texts], [.. labels], options);
    }

    private static ConvFmModel ConvFm()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var options = ConvFmTestData.TinyOptions() with { Epochs = 1 };
        var model = new ConvFmTrainer(options).Train(vocabularies, ConvFmTestData.Synthetic(32, 1, vocabularies), ConvFmTestData.Synthetic(8, 2, vocabularies));
        model.Metrics["hr@10"] = 0.25;
        return model;
    }

    private static double[] ConvFmScores(ConvFmModel model)
    {
        ConvFmInput[] inputs = [new(1, 2, [1, 3], 0, 1), new(5, 7, [], 2, 3), new(0, 0, [0], 0, 0)];
        var scores = new float[inputs.Length];
        model.Predict(inputs, scores);
        return [.. scores.Select(s => (double)s)];
    }

    private static ScreeningModel Screening(ScreeningBackground? background)
    {
        var features = background is null ? ScreeningTestData.Features() : new ScreeningFeatures(ScreeningTestData.Vocabulary, background: background);
        return new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 1 }).Train(features, ScreeningTestData.Examples(6, 20, seed: 1)).Model;
    }

    private static double[] ScreeningScores(ScreeningModel model)
    {
        var x = ScreeningTestData.Examples(1, 2, seed: 5).Select(e => e.Features).ToArray();
        return [.. x.SelectMany(f => new[] { model.Probability(f, "job-0"), model.Probability(f, "job-unknown") }), model.Threshold];
    }
}
