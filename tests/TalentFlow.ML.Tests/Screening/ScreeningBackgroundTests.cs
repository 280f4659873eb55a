using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

/// <summary>Per-job z-normalisation of the similarity features against a background pool (<see cref="ScreeningBackground"/>).</summary>
public sealed class ScreeningBackgroundTests
{
    private static readonly string[] Pool =
    [
        "Nurse\nSkills\npatient care, medication\nExperience\nRegistered Nurse, 2019 - Present\n- cared for patients on a surgical ward",
        "Accountant\nSkills\nGAAP, auditing\nExperience\nAccountant, 2018 - Present\n- prepared financial statements and reconciled accounts",
        "Chef\nSkills\nmenus, food safety\nExperience\nHead Cook, 2017 - Present\n- planned menus and supervised kitchen staff",
        "Software Developer\nSkills\nC#, SQL\nExperience\nDeveloper, 2020 - Present\n- wrote C# services and unit tests",
    ];

    private static readonly ScreeningJob Job = new("Registered Nurse", "Assess patient health, administer medication and keep patient records.");
    private const string Resume = "Nurse\nSkills\npatient care, medication administration\nExperience\nStaff Nurse, 2016 - Present\n- cared for patients and gave medication";

    [Fact]
    public async Task PrepareJobAsync_WithPool_StandardisesEachFeatureByTheJobsMeanAndDeviationOverThePool()
    {
        var background = new ScreeningBackground("test", Pool);
        var raw = new ScreeningFeatures(ScreeningTestData.Vocabulary);
        var sut = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: background);

        var rawJob = await raw.PrepareJobAsync(Job);
        var poolRaw = new List<float[]>();
        foreach (var member in Pool) poolRaw.Add(raw.Combine(rawJob, await raw.PrepareResumeAsync(member)));
        var x = raw.Combine(rawJob, await raw.PrepareResumeAsync(Resume));
        var z = await sut.ExtractAsync(Job, Resume);

        for (int k = 0; k < x.Length; k++)
        {
            string name = sut.Names[k];
            if (!background.Features.Contains(name))
            {
                Assert.Equal(x[k], z[k]);
                continue;
            }
            double mean = poolRaw.Average(p => p[k]);
            double deviation = Math.Max(Math.Sqrt(poolRaw.Average(p => (p[k] - mean) * (p[k] - mean))), background.MinScale);
            Assert.Equal((x[k] - mean) / deviation, z[k], 4);
        }
        int text = sut.Names.ToList().IndexOf("text_tfidf");
        Assert.True(z[text] > 1, $"The matching resume stands out of the job's pool: z = {z[text]}.");
        Assert.NotEqual(x[text], z[text]);
    }

    [Fact]
    public async Task Combine_TwoJobsOfDifferentWording_ScoresOnOneScaleAfterNormalisation()
    {
        // The same job worded twice: once short, once padded with the resume's own kind of words (as a long ad is). Raw cosines
        // of the pool move with the wording; after normalisation the pool's mean is 0 for both.
        var sut = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: new ScreeningBackground("test", Pool));
        var padded = Job with { Description = Job.Description + " Patient care, medication, records, ward, nurse, health, physicians, coordinate care." };
        int text = sut.Names.ToList().IndexOf("text_tfidf");

        foreach (var job in new[] { Job, padded })
        {
            var side = await sut.PrepareJobAsync(job);
            var pool = new List<float>();
            foreach (var resume in Pool) pool.Add(sut.Combine(side, await sut.PrepareResumeAsync(resume))[text]);
            Assert.Equal(0, pool.Average(), 4);
        }
    }

    [Fact]
    public async Task Combine_JobSideWithoutPoolStatistics_Throws()
    {
        var raw = new ScreeningFeatures(ScreeningTestData.Vocabulary);
        var sut = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: new ScreeningBackground("test", Pool));
        var resume = await sut.PrepareResumeAsync(Resume);
        var rawJob = await raw.PrepareJobAsync(Job);

        // Another pool, another version: sides of raw features are refused.
        Assert.NotEqual(raw.Version, sut.Version);
        Assert.Throws<ArgumentException>(() => sut.Combine(rawJob, resume));
        var side = await sut.PrepareJobAsync(Job);
        Assert.Throws<ArgumentException>(() => sut.Combine(side with { Norm = null }, resume));
    }

    [Fact]
    public async Task CentroidOf_Pool_CentresTheDotProductFeaturesOnTheirPoolMean()
    {
        var raw = new ScreeningFeatures(ScreeningTestData.Vocabulary);
        var sides = new List<ScreeningResumeSide>();
        foreach (var member in Pool) sides.Add(await raw.PrepareResumeAsync(member));
        var background = ScreeningBackground.CentroidOf("test-centroid", sides);
        var sut = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: background);

        var rawJob = await raw.PrepareJobAsync(Job);
        var x = raw.Combine(rawJob, await raw.PrepareResumeAsync(Resume));
        var z = await sut.ExtractAsync(Job, Resume);

        Assert.Empty(background.Resumes);
        for (int k = 0; k < x.Length; k++)
        {
            string name = sut.Names[k];
            // The mean of a dot product over the pool is the dot product with the pool's average.
            double expected = ScreeningBackground.LinearFeatures.Contains(name) ? x[k] - sides.Average(r => raw.Combine(rawJob, r)[k]) : x[k];
            Assert.Equal(expected, z[k], 4);
        }
        Assert.Contains(z.Zip(x), p => p.First != p.Second);
        Assert.Throws<ArgumentException>(() => ScreeningBackground.CentroidOf("bad", sides, ["skill_coverage"]));
    }

    [Fact]
    public async Task SaveLoad_ModelWithCentroid_KeepsCentroidAndScoresAlike()
    {
        var raw = new ScreeningFeatures(ScreeningTestData.Vocabulary);
        var sides = new List<ScreeningResumeSide>();
        foreach (var member in Pool) sides.Add(await raw.PrepareResumeAsync(member));
        var features = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: ScreeningBackground.CentroidOf("test-centroid", sides));
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 2 }).Train(features, ScreeningTestData.Examples(12, 30, seed: 2)).Model;

        var loaded = ScreeningModel.Load(model.ToJsonBytes());
        var x = await loaded.CreateFeatures().ExtractAsync(Job, Resume);

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(features.Background!.Fingerprint, loaded.Background?.Fingerprint);
        Assert.NotNull(loaded.Background!.Centroid);
        Assert.Equal(await features.ExtractAsync(Job, Resume), x);
        Assert.DoesNotContain(Pool[0], System.Text.Encoding.UTF8.GetString(model.ToJsonBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FewerThanTwoResumes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ScreeningBackground("test", ["only one"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScreeningBackground("test", Pool, minScale: 0));
    }

    [Fact]
    public void Synthetic_SameSeed_SamePoolAndFingerprint()
    {
        var a = ScreeningBackground.Synthetic(16, seed: 3);
        var b = ScreeningBackground.Synthetic(16, seed: 3);
        var c = ScreeningBackground.Synthetic(16, seed: 4);

        Assert.Equal(16, a.Resumes.Count);
        Assert.Equal(a.Resumes, b.Resumes);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
    }

    [Fact]
    public async Task SaveLoad_ModelWithPool_KeepsPoolAndScoresAlike()
    {
        var background = new ScreeningBackground("test", Pool);
        var features = new ScreeningFeatures(ScreeningTestData.Vocabulary, background: background);
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 2 }).Train(features, ScreeningTestData.Examples(12, 30, seed: 2)).Model;
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ScreeningModel.Load(stream);
        var x = await loaded.CreateFeatures().ExtractAsync(Job, Resume);

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(background.Fingerprint, loaded.Background?.Fingerprint);
        Assert.Contains(ScreeningModel.Format, System.Text.Encoding.UTF8.GetString(model.ToJsonBytes()), StringComparison.Ordinal);
        Assert.Equal(x, await features.ExtractAsync(Job, Resume));
        Assert.Equal(model.Probability(x), loaded.Probability(x), 12);
        Assert.True(loaded.Accepts(features));
        Assert.False(loaded.Accepts(ScreeningTestData.Features()));
    }

    [Fact]
    public void SaveLoad_ModelWithoutPool_KeepsTheFirstFormat()
    {
        var model = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 2 }).Train(ScreeningTestData.Features(), ScreeningTestData.Examples(12, 30, seed: 2)).Model;

        var json = System.Text.Encoding.UTF8.GetString(model.ToJsonBytes());
        var loaded = ScreeningModel.Load(model.ToJsonBytes());

        Assert.Contains(ScreeningModel.FormatV1, json, StringComparison.Ordinal);
        Assert.DoesNotContain("background", json, StringComparison.Ordinal);
        Assert.Null(loaded.Background);
        Assert.Equal(model.Version, loaded.Version);
    }
}
