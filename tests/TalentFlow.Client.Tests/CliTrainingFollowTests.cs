extern alias cli;

using System.Text;
using System.Text.Json;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Samples;
using CliApp = cli::TalentFlow.Cli.CliApp;
using FollowedJob = cli::TalentFlow.Cli.Operations.FollowedJob;
using IntervalOption = cli::TalentFlow.Cli.Operations.IntervalOption;
using TrainingFollower = cli::TalentFlow.Cli.Operations.TrainingFollower;

namespace TalentFlow.Client.Tests;

/// <summary>
/// <c>talentflow training follow JOB</c> and <c>training trigger --wait</c> against a real silo (its embedded trainer), with
/// labelled verdicts put in through the API so that the baseline really trains, evaluates and meets the gate.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CliTrainingFollowTests(SiloFixture silo)
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool s_seeded;

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--url", silo.BaseAddress.ToString(), "--api-key", TestKeys.Admin, "--log-level", "none"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Jobs, 40 resumes screened through the upload route and a verdict on each: shortlist for the job's own role, else reject.</summary>
    private async Task SeedVerdictsAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (s_seeded) return;
            using var scope = silo.CreateClient(TestKeys.Admin);
            var jobs = SampleCorpus.Jobs();
            foreach (var job in jobs)
            {
                await scope.Client.CreateJobAsync(new CreateJobRequest(job.Posting.Title, job.Posting.Description, job.Posting.RequiredSkills, Id: "follow-" + job.Id));
            }
            var people = SampleCorpus.Candidates(40, seed: 29);
            for (int i = 0; i < people.Count; i++)
            {
                bool sameRole = i % 2 == 0;
                string jobId = "follow-" + jobs[sameRole ? i % jobs.Count : (i + 3) % jobs.Count].Id;
                using var text = new MemoryStream(Encoding.UTF8.GetBytes(people[i].Resume.Text));
                var result = await scope.Client.UploadResumeAsync(jobId, text, $"follow-{i}.txt", people[i].Resume.Name);
                await scope.Client.SubmitFeedbackAsync(result.Id, new ReviewerFeedback(sameRole ? "shortlist" : "reject"));
            }
            s_seeded = true;
        }
        finally
        {
            Seeding.Release();
        }
    }

    /// <summary>Waits until no baseline job runs: other tests of the collection force training and do not wait for it to end.</summary>
    private async Task WaitForNoActiveBaselineJobAsync()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while ((await scope.Client.GetTrainingJobsAsync(deadline.Token)).Any(j => j.Model == "baseline_tfidf" && !j.IsFinished))
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    [Fact]
    public async Task TrainingFollow_JobThatCompletes_PrintsEachStageOnceThenTheOutcomeAndExitsZero()
    {
        await SeedVerdictsAsync();
        await WaitForNoActiveBaselineJobAsync();
        using var scope = silo.CreateClient(TestKeys.Admin);
        var started = await scope.Client.TriggerTrainingAsync(force: true);
        Assert.True(started.Success, started.Message);

        var (code, stdout, stderr) = await RunAsync("training", "follow", started.JobId!, "--interval", "100ms");

        Assert.True(code == 0, stderr + stdout);
        Assert.Empty(stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string step in new[] { "Collecting labelled samples.", "Fitting baseline_tfidf on ", "Evaluating on ", "Storing the artifact of " })
        {
            Assert.Single(lines, l => l.Contains(step, StringComparison.Ordinal)); // one line per stage, not one per poll
        }
        var job = await scope.Client.GetTrainingJobAsync(started.JobId!);
        Assert.Equal("succeeded", job.Status);
        string outcome = lines[^1];
        Assert.StartsWith($"succeeded: baseline_tfidf version {job.Version} ", outcome, StringComparison.Ordinal);
        Assert.Matches(@"(promoted to Production by the gate|kept in Staging: rejected by the promotion gate); held-out ROC-AUC [0-9.]+ against production's [0-9.]+, difference ", outcome);
        var stage = (await scope.Client.GetModelsAsync()).Single(m => m.Name == "baseline_tfidf").Versions.Single(v => v.Version == job.Version).Stage;
        Assert.Equal(outcome.Contains("promoted to Production", StringComparison.Ordinal) ? "Production" : "Staging", stage);
    }

    [Fact]
    public async Task TrainingTriggerWait_Forced_WaitsUntilTheJobHasEndedAndPrintsOneJsonObject()
    {
        await SeedVerdictsAsync();
        await WaitForNoActiveBaselineJobAsync();

        var (code, stdout, stderr) = await RunAsync("training", "trigger", "--force", "--wait", "--interval", "100ms", "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("triggered").GetBoolean());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        string version = root.GetProperty("version").GetString()!;
        Assert.Equal(root.GetProperty("promoted").GetBoolean() ? "Production" : "Staging", root.GetProperty("stage").GetString());
        Assert.True(root.GetProperty("metrics").GetProperty("roc_auc").GetDouble() is >= 0 and <= 1);
        // The stages went to stderr, the job had ended when the command returned.
        Assert.Contains("Storing the artifact of " + version, stderr, StringComparison.Ordinal);
        using var scope = silo.CreateClient(TestKeys.Admin);
        Assert.True((await scope.Client.GetTrainingJobAsync(root.GetProperty("job_id").GetString()!)).IsFinished);
    }

    [Fact]
    public async Task TrainingFollow_UnknownJob_ExitsTwoWithOneLine()
    {
        var (code, stdout, stderr) = await RunAsync("training", "follow", "no-such-training-job");

        Assert.Equal(CliApp.BadArguments, code);
        Assert.Empty(stdout);
        Assert.Equal("error: no training job 'no-such-training-job' on this cluster (talentflow training trigger prints a job's id)", stderr.Trim());
    }

    [Fact]
    public async Task TrainingStatus_KeyWithWhiteSpace_ExitsTwoWithOneLine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["training", "status", "--url", silo.BaseAddress.ToString(), "--api-key", "a key with spaces", "--log-level", "none"], stdout, stderr);

        Assert.Equal(CliApp.BadArguments, code);
        Assert.Empty(stdout.ToString());
        Assert.StartsWith("error: the API key holds white space", Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingFollow_BadInterval_ExitsTwoNamingTheOption()
    {
        var (code, _, stderr) = await RunAsync("training", "follow", "some-job", "--interval", "fast");

        Assert.Equal(CliApp.BadArguments, code);
        Assert.StartsWith("error: --interval 'fast' is not a duration", stderr.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed", FollowedJob.JobFailed, "training job j1 (baseline_tfidf) failed: Not enough labelled data.")]
    [InlineData("cancelled", FollowedJob.JobCancelled, "training job j1 (baseline_tfidf) was cancelled: Not enough labelled data.")]
    [InlineData("succeeded", 0, "succeeded: baseline_tfidf version v7 kept in Staging: rejected by the promotion gate; Not enough labelled data.")]
    public void FollowedJob_EndedJob_HasItsExitCodeAndSummary(string status, int exitCode, string summary)
    {
        var job = new TrainingJobInfo("j1", "baseline_tfidf", status, 1, "Not enough labelled data.", new Dictionary<string, double>(), status == "succeeded" ? "v7" : null,
            null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var followed = new FollowedJob(job, status == "succeeded" ? false : null);

        Assert.Equal(exitCode, followed.ExitCode);
        Assert.Equal(summary, followed.Summary());
    }

    [Fact]
    public void Unseen_LogThatGrewAndScrolled_ReturnsOnlyTheNewLines()
    {
        var lines = Enumerable.Range(0, 5).Select(i => new TrainingLogLine(DateTimeOffset.UnixEpoch.AddSeconds(i), i / 10.0, "line " + i)).ToArray();

        Assert.Equal(["line 3", "line 4"], TrainingFollower.Unseen(lines, lines[2]).Select(l => l.Message));
        Assert.Empty(TrainingFollower.Unseen(lines, lines[4]));
        Assert.Equal(5, TrainingFollower.Unseen(lines, null).Count());
        // The last printed line has scrolled out of the kept lines: everything kept is new.
        Assert.Equal(3, TrainingFollower.Unseen(lines[2..], new TrainingLogLine(DateTimeOffset.UnixEpoch, 0, "gone")).Count());
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1m", 60000)]
    [InlineData("1.5", 1500)]
    public void IntervalTryParse_Durations_ReadsThem(string text, int milliseconds)
    {
        Assert.True(IntervalOption.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }
}
