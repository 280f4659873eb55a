using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// A silo serving all-MiniLM-L6-v2 switching <c>semantic_encoder</c> versions (fine-tuned deltas, a rollback to the base) the
/// way the registry's fan-out does, while encode calls keep coming: no call fails or gets another version's vectors, and the
/// sessions of versions the silo no longer retains are freed.
/// </summary>
public sealed class EncoderSessionLifetimeTests
{
    private const int Switches = 10;

    private static readonly TextPair[] Pairs =
    [
        new("Senior Python developer, Django and PostgreSQL.", "Software developer: Python, web services, SQL databases.", 1),
        new("Registered nurse, patient care and phlebotomy.", "Software developer: Python, web services, SQL databases.", 0),
        new("Registered nurse, patient care and phlebotomy.", "Registered nurses assess patients and record medical histories.", 1),
        new("Head chef, menu planning, kitchen staff.", "Chefs direct the preparation of food in restaurants.", 1),
    ];

    [Fact]
    public async Task Publish_VersionsSwitchedUnderConcurrentEncodeCalls_NoCallFailsOrMixesVersionsAndRetiredSessionsAreFreed()
    {
        // No embedding cache: every call must reach a session.
        using var baseEncoder = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 1, EmbeddingCacheSize = 0 });
        var models = new MatchingModels(new BaselineModel("b", BaselineMatcher.Fit(SampleCorpus.Texts())), new SemanticModel(baseEncoder), retainedVersions: 3);
        await using var services = new ServiceCollection().AddSingleton(models).BuildServiceProvider();
        var kind = ModelKindRegistry.Get(MatchingModels.EncoderModelName);
        var artifacts = new Dictionary<string, byte[]> { [baseEncoder.VersionId] = EncoderDelta.ForBase(baseEncoder).ToArray() };
        // Three clearly different tuned versions: the learning rate sets how far each moves from the base.
        foreach (double rate in new[] { 2e-3, 5e-3, 1e-2 })
        {
            var tuned = await new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(Pairs, Pairs, OutputDirectory: null)
            {
                Options = new EncoderFineTuneOptions { Epochs = 2, BatchSize = 2, LearningRate = rate, WarmupSteps = 0, MaxSequenceLength = 16, Threads = 1 },
            });
            var delta = tuned.Delta!.ServedBy(baseEncoder);
            artifacts[delta.ServedVersion] = delta.ToArray();
        }
        string[] cycle = [.. artifacts.Keys.Skip(1), baseEncoder.VersionId]; // three tuned versions, then a rollback to the base
        var served = new ConcurrentDictionary<OnnxSentenceEncoder, byte>(ReferenceEqualityComparer.Instance);
        var retired = new ConcurrentBag<SemanticModel>();
        models.EncoderPublished += m => served.TryAdd((OnnxSentenceEncoder)m.Encoder, 0);
        models.EncoderRetired += retired.Add;

        using var switching = new CancellationTokenSource();
        var reads = new ConcurrentBag<(int Reader, string Version, float[] Vector)>();
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            string text = $"Reader {r}: data engineer with Spark, Airflow and Python.";
            while (!switching.IsCancellationRequested)
            {
                // What grains do: read the current encoder, then call it.
                var current = models.Encoder!;
                reads.Add((r, current.Version, (await current.Encoder.EmbedAsync([text]))[0]));
            }
        })).ToArray();
        for (int i = 0; i < Switches; i++)
        {
            string version = cycle[i % cycle.Length];
            await Task.Run(() =>
            {
                if (!kind.TryServeRetained(services, version)) kind.Publish(services, kind.Load(version, artifacts[version]));
            });
            await Task.Delay(50);
        }
        await switching.CancelAsync();
        await Task.WhenAll(readers); // no ObjectDisposedException, nothing else either

        // Each version's vectors are its own: a reader's text gives one vector per version, and a different one in each version.
        foreach (var reader in reads.GroupBy(x => x.Reader))
        {
            var perVersion = new List<float[]>();
            foreach (var version in reader.GroupBy(x => x.Version))
            {
                var first = version.First().Vector;
                Assert.All(version, x => Assert.True(Close(first, x.Vector), $"reader {reader.Key}: two vectors of {version.Key} differ"));
                Assert.DoesNotContain(perVersion, other => Close(other, first));
                perVersion.Add(first);
            }
        }
        Assert.True(reads.Select(x => x.Version).Distinct().Count() >= 3, "the readers saw fewer than three versions");
        Assert.True(retired.Count >= Switches - 3, $"only {retired.Count} encoders were retired over {Switches} switches");
        // Three versions stay retained (a rollback finds them), but only the newest two keep a session open.
        Assert.Equal(3, models.EncodersNewestFirst.Count);
        var open = models.EncodersNewestFirst.Take(MatchingModels.OpenEncoderSessions).Select(m => m.Encoder).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var encoder in served.Keys.Where(e => !open.Contains(e) && !ReferenceEquals(e, baseEncoder)))
        {
            Assert.False(encoder.IsSessionOpen, $"{encoder.VersionId} is neither current nor the one before, but its session is open");
            Assert.True(encoder.SessionsReleased >= 1);
        }
        Assert.InRange(served.Keys.Count(e => e.IsSessionOpen), 1, MatchingModels.OpenEncoderSessions + 1); // and the base's
    }

    private static bool Close(float[] x, float[] y) => x.Zip(y).All(p => Math.Abs(p.First - p.Second) < 1e-5f);
}
