using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Users;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// Issue 19: every job, candidate and user id follows <see cref="EntityId"/>'s rule, checked at the edge before anything is
/// written (a 400 problem naming the field and the id), and every <c>Location</c> is escaped. "Nothing written" is read from
/// the grains themselves, under the HTTP edge, since the API now refuses even to read such an id.
/// </summary>
[Collection(SiloHostCollection.Name)]
public sealed class EntityIdApiTests(SiloHostFactory factory)
{
    private const string Resume = "Skills\nPython, SQL\nExperience\nData Engineer, Contoso, 2019 - 2024";

    /// <summary>The ids issue 19 found answering 500 after the write, or giving an unescaped <c>Location</c>.</summary>
    public static TheoryData<string> BadIds => new()
    {
        "id-\u00fc",            // ü
        "id-\U0001F680",        // 🚀
        "id with space",
        "id?x=1",
        "id#frag",
        new string('a', 300),
    };

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    private static async Task<string> BadRequestDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>The detail names the field, repeats the id in its safe (escaped, truncated) form and states the rule.</summary>
    private static void AssertNamesTheId(string detail, string field, string id)
    {
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.Contains(EntityId.Shown(id), detail, StringComparison.Ordinal);
        Assert.Contains(EntityId.Rule, detail, StringComparison.Ordinal);
        Assert.True(detail.All(c => c < 0x80 || c is '–' or '…'), detail);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task PostJob_IdOutsideTheRule_Returns400NamingItAndWritesNothing(string id)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync("/api/v1/jobs", new { title = "Data Engineer", description = "Python and SQL.", id });

        AssertNamesTheId(await BadRequestDetailAsync(response), "job id (id)", id);
        Assert.Null(response.Headers.Location);
        Assert.Null(await Grains.GetGrain<IJobGrain>(id).GetAsync());
        using var read = await client.GetAsync($"/api/v1/jobs/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task PostCandidate_IdOutsideTheRule_Returns400NamingItAndWritesNothing(string id)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync("/api/v1/candidates", new { name = "Pat", text = "Python developer", id });

        AssertNamesTheId(await BadRequestDetailAsync(response), "candidate id (id)", id);
        Assert.Null(await Grains.GetGrain<ICandidateGrain>(id).GetProfileAsync());
        using var read = await client.GetAsync($"/api/v1/candidates/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task UploadResume_JobIdOutsideTheRule_Returns400BeforeScreening(string id)
    {
        // The job exists (stored under the grain, as data from before the rule could be): the refusal must still come
        // before the upload is read, a candidate is stored or the job screens anyone.
        var job = Grains.GetGrain<IJobGrain>(id);
        await job.UpsertAsync(new JobPosting("Data Engineer", "Python and SQL.", ["python"], null, null));
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(id), "job_id" },
            { new StringContent("Pat Example"), "candidate_name" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Resume));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "resume.txt");

        using var response = await client.PostAsync("/api/v1/screening/upload-resume", form);

        AssertNamesTheId(await BadRequestDetailAsync(response), "job id (job_id)", id);
        Assert.Empty(await job.GetScreeningResultsAsync());
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task PostInteraction_UserIdOutsideTheRule_Returns400AndWritesNothing(string id)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync($"/api/v1/users/{Uri.EscapeDataString(id)}/interactions", new { job_id = "sample-job-2", kind = "viewed" });

        AssertNamesTheId(await BadRequestDetailAsync(response), "user id", id);
        Assert.False(await Grains.GetGrain<IUserGrain>(id).ExistsAsync());
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task PostInteraction_JobIdOutsideTheRule_Returns400AndWritesNothing(string id)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string user = "ids-user-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await client.PostAsJsonAsync($"/api/v1/users/{user}/interactions", new { job_id = id, kind = "viewed" });

        AssertNamesTheId(await BadRequestDetailAsync(response), "job id (job_id)", id);
        Assert.False(await Grains.GetGrain<IUserGrain>(user).ExistsAsync());
    }

    [Fact]
    public async Task PostJob_IdWithColonAndAt_Returns201WithAnEscapedLocationThatReadsBack()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string id = "ats:" + Guid.NewGuid().ToString("N")[..8] + "@acme.example";
        using var created = await client.PostAsJsonAsync("/api/v1/jobs", new { title = "Data Engineer", description = "Python and SQL.", id });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/jobs/{Uri.EscapeDataString(id)}", created.Headers.Location!.OriginalString);
        Assert.Contains("%3A", created.Headers.Location.OriginalString, StringComparison.Ordinal);
        var read = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(id, read.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PostInteraction_UserIdWithAt_Returns201WithAnEscapedLocation()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string user = "pat-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        using var created = await client.PostAsJsonAsync($"/api/v1/users/{Uri.EscapeDataString(user)}/interactions", new { job_id = "sample-job-2", kind = "viewed" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/users/{Uri.EscapeDataString(user)}/interactions", created.Headers.Location!.OriginalString);
        using var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("sample-job-1", true)]
    [InlineData("ats:1234", true)]
    [InlineData("pat@example.com", true)]
    [InlineData("A_b.C-9", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("job|cand", false)]
    [InlineData("50%", false)]
    [InlineData("tab\there", false)]
    [InlineData("caf\u00e9", false)]
    public void IsValid_Id_FollowsTheRule(string id, bool valid)
    {
        Assert.Equal(valid, EntityId.IsValid(id));
        Assert.Equal(valid, EntityId.Problem(id, "id") is null);
    }

    [Fact]
    public void IsValid_LengthAtAndPastTheLimit_AcceptsExactly128()
    {
        Assert.True(EntityId.IsValid(new string('x', EntityId.MaxLength)));
        Assert.False(EntityId.IsValid(new string('x', EntityId.MaxLength + 1)));
    }

    [Fact]
    public void Problem_Emoji_NamesTheCharacterAndItsPosition()
    {
        string detail = EntityId.Problem("job-\U0001F680", "job_id")!;

        Assert.Contains("U+1F680", detail, StringComparison.Ordinal);
        Assert.Contains("position 5", detail, StringComparison.Ordinal);
        Assert.Contains("job-%F0%9F%9A%80", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Shown_LongIdEndingInASurrogatePair_TruncatesWithoutSplittingIt()
    {
        string id = new string('a', 39) + "\U0001F680" + new string('b', 100);

        string shown = EntityId.Shown(id);

        Assert.Equal(new string('a', 39) + "…", shown);
    }
}
