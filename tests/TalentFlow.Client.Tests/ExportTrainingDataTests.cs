extern alias cli;

using System.Text;
using System.Text.Json;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training;
using CliApp = cli::TalentFlow.Cli.CliApp;

namespace TalentFlow.Client.Tests;

/// <summary>Exporting the labelled screening results (HTTP, SDK, CLI), and training on the export.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExportTrainingDataTests(SiloFixture silo)
{
    /// <summary>A job with six screened resumes: three shortlisted, two rejected by a decision, one scored 0.6 (confidence 0.2).</summary>
    private async Task<string> ScreenAndReviewAsync(TalentFlowHttpClient client)
    {
        var job = await client.CreateJobAsync(new CreateJobRequest("Export Engineer " + Guid.NewGuid().ToString("N")[..6],
            "Python, SQL and Kubernetes for data pipelines. 3 years of experience. Bachelor in computer science."));
        string[] resumes =
        [
            "Python developer, SQL, Kubernetes, 5 years of data pipelines. BSc computer science.",
            "Data engineer: Python, SQL, Airflow, Kubernetes; 4 years. Bachelor of computer science.",
            "Backend engineer with Python and PostgreSQL, 3 years, Kubernetes operator work.",
            "Pastry chef, 6 years in restaurants, food safety certificate.",
            "Truck driver, long-haul, 10 years, clean record.",
            "Junior analyst with some SQL and Excel, 1 year.",
        ];
        for (int i = 0; i < resumes.Length; i++)
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(resumes[i]));
            var result = await client.UploadResumeAsync(job.Id, file, $"resume-{i}.txt", $"Export Candidate {i}");
            var verdict = i switch
            {
                < 3 => new ReviewerFeedback("shortlist", Notes: "good fit"),
                < 5 => new ReviewerFeedback("reject"),
                _ => new ReviewerFeedback(null, HumanScore: 0.6),
            };
            await client.SubmitFeedbackAsync(result.Id, verdict);
        }
        return job.Id;
    }

    [Fact]
    public async Task ExportTrainingSamples_AfterReviews_ReturnsTextsLabelsAndConfidence()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string jobId = await ScreenAndReviewAsync(scope.Client);

        var all = (await scope.Client.ExportTrainingSamplesAsync()).Where(s => s.JobId == jobId).ToList();
        var sure = (await scope.Client.ExportTrainingSamplesAsync(new TrainingSampleFilter(MinConfidence: 0.5))).Where(s => s.JobId == jobId).ToList();

        Assert.Equal(6, all.Count);
        Assert.Equal(4, all.Count(s => s.Label == 1));
        Assert.All(all, s => Assert.Contains("Export Engineer", s.JobDescription, StringComparison.Ordinal));
        Assert.Contains(all, s => s.ResumeText.Contains("Pastry chef", StringComparison.Ordinal) && s.Label == 0 && s.HumanDecision == "reject");
        var scored = Assert.Single(all, s => s.HumanScore is not null);
        Assert.Equal(0.2, scored.Confidence, 9);
        Assert.Equal(5, sure.Count);
        Assert.DoesNotContain(sure, s => s.HumanScore is not null);
    }

    [Fact]
    public async Task ExportTrainingSamples_BadFilter_ThrowsValidation()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.ExportTrainingSamplesAsync(new TrainingSampleFilter("pending")));
        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.ExportTrainingSamplesAsync(new TrainingSampleFilter(MinConfidence: 2)));
    }

    [Fact]
    public async Task ExportTrainingSamples_ReviewerKey_ThrowsForbidden()
    {
        using var scope = silo.CreateClient(TestKeys.Reviewer);

        await Assert.ThrowsAsync<TalentFlowForbiddenException>(() => scope.Client.ExportTrainingSamplesAsync());
    }

    [Fact]
    public async Task ExportTrainingDataCommand_ThenTrainBaseline_TrainsOnTheExportedCsv()
    {
        using (var scope = silo.CreateClient(TestKeys.Admin))
        {
            await ScreenAndReviewAsync(scope.Client);
        }
        string directory = Directory.CreateTempSubdirectory("talentflow-export-").FullName;
        try
        {
            string csv = Path.Combine(directory, "samples.csv");
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int code = await CliApp.RunAsync(["export-training-data", "--output", csv, "--status", "completed", "--days", "7", "--json",
                "--url", silo.BaseAddress.ToString(), "--api-key", TestKeys.Admin, "--log-level", "none"], stdout, stderr);

            Assert.True(code == 0, stderr.ToString());
            using var summary = JsonDocument.Parse(stdout.ToString());
            int exported = summary.RootElement.GetProperty("samples").GetInt32();
            Assert.True(exported >= 6, stdout.ToString());
            Assert.False(File.Exists(csv + ".partial"));
            string[] lines = await File.ReadAllLinesAsync(csv);
            Assert.StartsWith("resume,job_description,score,label,result_id,", lines[0], StringComparison.Ordinal);

            using var trainOut = new StringWriter();
            using var trainErr = new StringWriter();
            int trained = await CliApp.RunAsync(["train", "baseline", "--train", csv, "--output", Path.Combine(directory, "model"), "--json", "--log-level", "none"], trainOut, trainErr);

            Assert.True(trained == 0, trainErr.ToString());
            Assert.True(File.Exists(Path.Combine(directory, "model", "baseline_model.json")));
            // Every exported row is a pair: 80 % trains, 20 % (at least one) validates.
            using var report = JsonDocument.Parse(trainOut.ToString());
            Assert.Equal(exported, report.RootElement.GetProperty("train_pairs").GetInt32() + report.RootElement.GetProperty("validation_pairs").GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
