using System.IO.Compression;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

/// <summary>Registry artifacts of every kind, made here: baselines, scorer archives, ConvFM models.</summary>
internal static class TestArtifacts
{
    private static readonly TextNormalizer Normalizer = new();

    public static byte[] Baseline(params string[] corpus)
    {
        using var stream = new MemoryStream();
        BaselineMatcher.Fit(corpus).Save(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// What <c>talentflow train scorer</c> makes, trained on sample pairs labelled by role (candidate i has role i % 8):
    /// the baseline, the LSA encoder of <paramref name="dimensions"/> and the calibrated scorer.
    /// </summary>
    public static async Task<(BaselineMatcher Matcher, LsaEncoder Encoder, MatchScorer Scorer)> TrainScorerAsync(int dimensions = 32)
    {
        var texts = SampleCorpus.Texts();
        var matcher = BaselineMatcher.Fit(texts);
        var encoder = LsaEncoder.Fit(texts, new LsaOptions { Dimensions = dimensions });
        var extractor = new MatchFeatureExtractor(matcher, encoder);
        var jobs = SampleCorpus.Jobs();
        var people = SampleCorpus.Candidates(48, seed: 2);
        var pairs = new List<(string Resume, string Job)>();
        var labels = new List<double>();
        for (int i = 0; i < people.Count; i++)
        {
            foreach (int j in new[] { i % jobs.Count, (i + 3) % jobs.Count })
            {
                pairs.Add((Normalizer.Normalize(people[i].Resume.Text), jobs[j].Posting.Title + "\n" + Normalizer.Normalize(jobs[j].Posting.Description)));
                labels.Add(j == i % jobs.Count ? 1 : 0);
            }
        }
        var features = await extractor.ExtractAsync(pairs);
        var scorer = MatchScorer.Train(features[..64], labels[..64]);
        scorer.Calibrate(features[64..], labels[64..]);
        return (matcher, encoder, scorer);
    }

    /// <summary>
    /// A <c>semantic_scorer</c> archive: baseline, encoder and a scorer trained on sample pairs labelled by role (candidate i
    /// has role i % 8), as <c>talentflow train scorer</c> writes them, zipped. <paramref name="dimensions"/> varies the encoder,
    /// so two archives differ.
    /// </summary>
    public static async Task<byte[]> ScorerArchiveAsync(int dimensions = 32, params string[] leave)
    {
        var (matcher, encoder, scorer) = await TrainScorerAsync(dimensions);
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, save) in new (string, Action<Stream>)[] { ("scorer.json", scorer.Save), ("baseline_model.json", matcher.Save), ("encoder.json", encoder.Save) })
            {
                if (leave.Contains(name)) continue;
                await using var entry = zip.CreateEntry("scorer/" + name).Open();
                save(entry);
            }
        }
        return archive.ToArray();
    }

    /// <summary>An untrained ConvFM model over tiny vocabularies (a valid <c>talentflow.convfm</c> artifact).</summary>
    public static byte[] ConvFm(int seed = 11)
    {
        var vocabularies = new ConvFmVocabularies(["u0", "u1"], ["j0", "j1", "j2"], ["<pad>", "s1", "s2"], ["loc0"], ["c0", "c1"]);
        var model = ConvFmModel.Create(new ConvFmOptions { EmbeddingDim = 4, ConvFilters = 3, HiddenUnits = [5, 4], EmbeddingInitStd = 0.5, Seed = seed }, vocabularies);
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Stores <paramref name="artifact"/> and registers it (stage None).</summary>
    public static async Task RegisterAsync(TestCluster cluster, string model, string version, byte[] artifact)
    {
        ModelArtifacts.Validate(model, version, artifact);
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).SaveAsync(artifact);
        await ModelRegistries.Of(cluster.GrainFactory, model).RegisterAsync(version, null, TrainingTestCluster.Unnamed);
    }
}
