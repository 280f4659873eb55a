extern alias cli;

using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Client.Http;
using CliApp = cli::TalentFlow.Cli.CliApp;

namespace TalentFlow.Client.Tests;

/// <summary>Listing jobs and candidates through the typed client and the CLI, and names in rankings, against the real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class ListingRoundTripTests(SiloFixture silo)
{
    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private const string Resume = "Skills: Python, SQL, Airflow\nExperience\nData Engineer, Acme, 2018 - 2024";

    [Fact]
    public async Task EnumerateCandidatesAsync_PagesOfTwo_YieldsEveryCandidateOnceInIdOrderOnePageACall()
    {
        var calls = new StrongBox<int>();
        using var scope = ClientScope.Create(silo.BaseAddress, o => o.ApiKey = TestKeys.Recruiter, b => b.AddHttpMessageHandler(() => new CountingHandler(calls)));
        var client = scope.Client;
        var created = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            created.Add((await client.CreateCandidateAsync(new CreateCandidateRequest("Page Person " + i, Resume, NewId("enum")))).Id);
        }
        var all = (await client.ListCandidatesAsync(500)).Items;
        calls.Value = 0;

        var enumerated = new List<string>();
        await foreach (var candidate in client.EnumerateCandidatesAsync(pageSize: 2)) enumerated.Add(candidate.Id);

        Assert.Equal(all.Select(c => c.Id), enumerated);
        Assert.Equal(enumerated.Order(StringComparer.Ordinal), enumerated);
        Assert.Subset(enumerated.ToHashSet(), created.ToHashSet());
        Assert.Equal((all.Count + 1) / 2, calls.Value);
        Assert.Equal("Page Person 0", all.Single(c => c.Id == created[0]).Name);
    }

    [Fact]
    public async Task ListJobsAsync_FirstPageThenNextCursor_ContinuesWhereThePageEnded()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        for (int i = 0; i < 3; i++) await client.CreateJobAsync(new CreateJobRequest("Job " + i, "Python and SQL pipelines.", Id: NewId("page-job")));
        var all = (await client.ListJobsAsync(500)).Items;

        var first = await client.ListJobsAsync(2);
        var second = await client.ListJobsAsync(2, first.NextCursor);

        Assert.Equal(all.Take(2), first.Items);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(all.Skip(2).Take(2), second.Items);
        var enumerated = new List<string>();
        await foreach (var job in client.EnumerateJobsAsync(pageSize: 500)) enumerated.Add(job.Id);
        Assert.Equal(all.Select(j => j.Id), enumerated);
    }

    [Fact]
    public async Task ListCandidatesAsync_BadLimitOrCursor_ThrowsValidationExceptionNamingIt()
    {
        using var scope = silo.CreateClient(TestKeys.Reviewer);

        var limit = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.ListCandidatesAsync(0));
        var cursor = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.ListJobsAsync(10, "garbage!"));
        var enumerated = await Assert.ThrowsAsync<TalentFlowValidationException>(async () =>
        {
            await foreach (var _ in scope.Client.EnumerateJobsAsync(pageSize: 501)) { }
        });

        Assert.StartsWith("limit ", limit.Detail, StringComparison.Ordinal);
        Assert.StartsWith("cursor ", cursor.Detail, StringComparison.Ordinal);
        Assert.StartsWith("limit ", enumerated.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankCandidatesAsync_CreatedCandidate_CarriesItsName()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string jobId = NewId("named-job"), candidateId = NewId("named");
        await client.CreateJobAsync(new CreateJobRequest("Data Engineer", "Pipelines in Python, SQL and Airflow.", Id: jobId));
        await client.CreateCandidateAsync(new CreateCandidateRequest("Robin Named", Resume, candidateId));

        var ranked = await client.RankCandidatesAsync(jobId, top: 100);

        Assert.Equal("Robin Named", Assert.Single(ranked, r => r.CandidateId == candidateId).Name);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--url", silo.BaseAddress.ToString(), "--api-key", TestKeys.Reviewer, "--log-level", "none"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task CliJobsList_LimitThenCursor_PrintsPagesAsTheApiDoes()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        for (int i = 0; i < 3; i++) await scope.Client.CreateJobAsync(new CreateJobRequest("CLI Job " + i, "Go services on Kubernetes.", Company: "Contoso", Id: NewId("cli-job")));
        var all = (await scope.Client.ListJobsAsync(500)).Items;

        var first = await RunCliAsync("jobs", "list", "--limit", "2", "--json");
        using var firstJson = JsonDocument.Parse(first.Stdout);
        string cursor = firstJson.RootElement.GetProperty("next_cursor").GetString()!;
        var second = await RunCliAsync("jobs", "list", "--limit", "2", "--cursor", cursor, "--json");
        var every = await RunCliAsync("jobs", "list", "--all", "--limit", "2", "--json");
        var text = await RunCliAsync("jobs", "list", "--limit", "1");

        Assert.True(first.Code == 0, first.Stderr);
        Assert.Equal(all.Take(2).Select(j => j.Id), firstJson.RootElement.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(all.Skip(2).Take(2).Select(j => j.Id), JsonDocument.Parse(second.Stdout).RootElement.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        using var everyJson = JsonDocument.Parse(every.Stdout);
        Assert.Equal(all.Select(j => j.Id), everyJson.RootElement.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, everyJson.RootElement.GetProperty("next_cursor").ValueKind);
        Assert.Equal(all[0].Title, everyJson.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.True(text.Code == 0, text.Stderr);
        Assert.StartsWith(all[0].Id + " ", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("--cursor ", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliCandidatesList_CreatedCandidate_IsListedWithItsName()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string id = NewId("cli-cand");
        await scope.Client.CreateCandidateAsync(new CreateCandidateRequest("Cli Listed", Resume, id));

        var (code, stdout, stderr) = await RunCliAsync("candidates", "list", "--all", "--limit", "500");

        Assert.True(code == 0, stderr);
        Assert.Contains(stdout.Split('\n'), line => line.StartsWith(id + " ", StringComparison.Ordinal) && line.Contains("Cli Listed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("jobs", "list", "--limit", "0")]
    [InlineData("candidates", "list", "--limit", "501")]
    [InlineData("jobs", "list", "--all", "--cursor", "abc")]
    public async Task CliList_BadArguments_OneLineAndExitCode2(params string[] args)
    {
        var (code, stdout, stderr) = await RunCliAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }
}
