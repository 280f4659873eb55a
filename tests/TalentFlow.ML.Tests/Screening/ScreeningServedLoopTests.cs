using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ScreeningServedLoopTests
{
    private static readonly string[] Categories = ["ACCOUNTANT", "CHEF", "DESIGNER", "TEACHER"];

    private static List<CategorizedResume> Resumes(string prefix, int perCategory) =>
        [.. Categories.SelectMany(c => Enumerable.Range(0, perCategory).Select(i => new CategorizedResume($"{prefix}-{c}-{i}", c, $"{c} resume {i}")))];

    private static List<CategorizedJob> Jobs() => [.. Categories.Select(c => new CategorizedJob(c, "job-" + c, new ScreeningJob(c, c + " work.")))];

    [Fact]
    public void Plan_BenchDefaults_EachJobGetsItsShareAndNoResumeIsBothMeasuredAndLabelled()
    {
        var (eval, verdicts) = ScreeningServedLoop.Plan(Jobs(), Resumes("test", 5), Resumes("train", 8), 3, 3, 6, 6, seed: 1);

        Assert.All(eval.GroupBy(e => e.Job.Code), g => Assert.Equal((3, 3), (g.Count(e => e.Match), g.Count(e => !e.Match))));
        Assert.All(verdicts.GroupBy(e => e.Job.Code), g => Assert.Equal((6, 6), (g.Count(e => e.Match), g.Count(e => !e.Match))));
        Assert.All(eval.Concat(verdicts), e => Assert.Equal(e.Match, e.Job.Category == e.Resume.Category));
        Assert.Empty(eval.Select(e => e.Resume.Id).Intersect(verdicts.Select(v => v.Resume.Id)));
    }

    [Fact]
    public void Plan_OtherSeed_OtherResumes()
    {
        var one = ScreeningServedLoop.Plan(Jobs(), Resumes("test", 5), Resumes("train", 8), 3, 3, 6, 6, seed: 1);
        var two = ScreeningServedLoop.Plan(Jobs(), Resumes("test", 5), Resumes("train", 8), 3, 3, 6, 6, seed: 2);

        Assert.NotEqual(one.Verdicts.Select(v => v.Resume.Id), two.Verdicts.Select(v => v.Resume.Id));
    }

    [Fact]
    public void Plan_CategoryWithTooFewResumes_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => ScreeningServedLoop.Plan(Jobs(), Resumes("test", 2), Resumes("train", 8), 3, 3, 6, 6, seed: 1));
    }

    [Fact]
    public void Defaults_TrainerWithoutOffsetsAndLayerWithJobInterceptsAndTwoCosines()
    {
        var trainer = new ScreeningModelTrainer.Options();
        var layer = new ReviewerPrototypes.Options();

        Assert.False(trainer.PerJobOffsets);
        Assert.True(layer.JobIntercepts && layer.TwoCosines);
        Assert.False(ReviewerPrototypes.Options.Legacy.JobIntercepts || ReviewerPrototypes.Options.Legacy.TwoCosines);
    }
}
