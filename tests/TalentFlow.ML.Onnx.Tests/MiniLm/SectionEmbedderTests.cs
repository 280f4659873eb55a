using TalentFlow.ML.Onnx.Sections;

namespace TalentFlow.ML.Onnx.Tests.MiniLm;

[Collection(MiniLmCollection.Name)]
public sealed class SectionEmbedderTests
{
    private readonly OnnxSentenceEncoder _encoder;

    public SectionEmbedderTests(MiniLmFixture fixture) => _encoder = fixture.Encoder;

    [Fact]
    public async Task EmbedAsync_BlankSection_IsNullAndTheOthersAreEmbedded()
    {
        var sections = await SectionEmbedder.EmbedAsync(_encoder, new ResumeSections("Python, SQL", "  ", "BSc Computer Science"));
        Assert.NotNull(sections.Skills);
        Assert.Null(sections.Experience);
        Assert.NotNull(sections.Education);
        Assert.Equal(_encoder.VersionId, sections.VersionId);
        Assert.Equal((await _encoder.EmbedAsync(["Python, SQL"]))[0], sections.Skills);
    }

    [Fact]
    public async Task Score_MatchingResume_BeatsUnrelatedResumeForTheJob()
    {
        var job = await SectionEmbedder.EmbedAsync(_encoder, new ResumeSections(
            "Python, Django, PostgreSQL, REST APIs", "Build and run backend web services", "Degree in computer science"));
        var developer = await SectionEmbedder.EmbedAsync(_encoder, new ResumeSections(
            "Python, Flask, SQL, Docker", "Backend developer for four years writing web APIs", "BSc in Computer Science"));
        var nurse = await SectionEmbedder.EmbedAsync(_encoder, new ResumeSections(
            "Patient care, phlebotomy, IV therapy", "ICU nurse for six years", "Bachelor of Science in Nursing"));

        Assert.True(SectionEmbedder.Score(developer, job) > SectionEmbedder.Score(nurse, job) + 0.2);
    }

    [Fact]
    public void Score_SectionsOnOneSideOnly_RenormalisesOverTheShared()
    {
        float[] x = [1f, 0f], y = [0f, 1f];
        var a = new SectionEmbeddings(x, x, null, "v");
        var b = new SectionEmbeddings(x, y, y, "v");
        // skills 1.0 (w 0.4), experience 0.0 (w 0.4), education absent on one side: (0.4·1 + 0.4·0) / 0.8.
        Assert.Equal(0.5, SectionEmbedder.Score(a, b)!.Value, 6);
        Assert.Null(SectionEmbedder.Score(new SectionEmbeddings(null, null, x, "v"), new SectionEmbeddings(x, x, null, "v")));
    }

    [Fact]
    public void Score_DifferentEncoderVersions_Throws()
    {
        float[] x = [1f];
        Assert.Throws<ArgumentException>(() =>
            SectionEmbedder.Score(new SectionEmbeddings(x, null, null, "a"), new SectionEmbeddings(x, null, null, "b")));
    }
}
