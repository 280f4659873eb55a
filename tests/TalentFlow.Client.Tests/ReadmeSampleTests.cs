using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Client.Tests;

/// <summary>docs/sdk.md's "Screening and ranking" sample, verbatim, run in a generic host against the real silo: the sample stays true.</summary>
[Collection(SiloCollection.Name)]
public sealed class ReadmeSampleTests(SiloFixture silo)
{
    [Fact]
    public async Task ScreenAndRank_ReadmeSampleInAHost_ReturnsTheRanking()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["TalentFlow:ApiKey"] = TestKeys.Recruiter;
        builder.Services.AddTalentFlowClient(o =>
        {
            o.BaseAddress = silo.BaseAddress;
            o.ApiKey = builder.Configuration["TalentFlow:ApiKey"];
            o.Timeout = TimeSpan.FromSeconds(30);
            o.MaxRetries = 2;
        });
        builder.Services.AddTransient<ShortlistPage>();
        using var host = builder.Build();
        await host.StartAsync();
        using var resume = new MemoryStream(Encoding.UTF8.GetBytes("Skills: Python, SQL, Spark\nExperience\nData Engineer, Acme, 2015 - 2024"));

        var ranked = await host.Services.GetRequiredService<ShortlistPage>().ScreenAndRankAsync(resume, "pat.txt", CancellationToken.None);

        Assert.NotEmpty(ranked);
        await host.StopAsync();
    }

    // Copied from docs/sdk.md.
    private sealed class ShortlistPage(TalentFlowHttpClient talentFlow)
    {
        public async Task<IReadOnlyList<RankedCandidate>> ScreenAndRankAsync(Stream resume, string fileName, CancellationToken ct)
        {
            var job = await talentFlow.CreateJobAsync(new CreateJobRequest("Data Engineer", "Python, SQL and Spark pipelines."), ct);
            try
            {
                ScreeningResult screened = await talentFlow.UploadResumeAsync(job.Id, resume, fileName, "Pat Example", ct);
                Console.WriteLine($"{screened.CandidateName}: {screened.Decision}, missing {string.Join(", ", screened.MissingSkills)}");
            }
            catch (TalentFlowValidationException ex)   // 400, 413, 415, 422: not a PDF, DOCX or text, too large, no usable text
            {
                Console.WriteLine($"Upload refused ({(int)ex.StatusCode}): {ex.Detail}");
            }
            return await talentFlow.RankCandidatesAsync(job.Id, top: 10, new CandidateFilter(["sql"], MinYearsExperience: 3), ct);
        }
    }
}
