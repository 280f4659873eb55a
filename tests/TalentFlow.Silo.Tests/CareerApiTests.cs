using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class CareerApiTests(SiloHostFactory factory)
{
    [Fact]
    public async Task RecommendCareers_NurseText_ReturnsSampleModelCareersWithSkillsAndBooks()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);

        using var response = await client.PostAsJsonAsync("/api/v1/careers/recommendations",
            new { text = "I care for patients on the hospital ward, give medication and check vital signs", top_k = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var advice = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(advice.GetProperty("is_sample").GetBoolean());
        Assert.False(advice.GetProperty("out_of_domain").GetBoolean());
        Assert.StartsWith("career-", advice.GetProperty("model_version").GetString(), StringComparison.Ordinal);
        var careers = advice.GetProperty("careers");
        Assert.Equal(2, careers.GetArrayLength());
        Assert.Equal("Registered Nurse", careers[0].GetProperty("career").GetString());
        Assert.InRange(careers[0].GetProperty("confidence").GetDouble(), 0, 1);
        Assert.NotEmpty(careers[0].GetProperty("skills_to_learn").EnumerateArray());
        Assert.NotEmpty(careers[0].GetProperty("books").EnumerateArray());
    }

    [Fact]
    public async Task RecommendCareers_Gibberish_SaysOutOfDomainWithLowConfidence()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);

        using var response = await client.PostAsJsonAsync("/api/v1/careers/recommendations", new { text = "asdf qwerty", top_k = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var advice = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(advice.GetProperty("out_of_domain").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(advice.GetProperty("confidence_note").GetString()));
        Assert.All(advice.GetProperty("careers").EnumerateArray(), c => Assert.True(c.GetProperty("confidence").GetDouble() < 0.2));
    }

    [Fact]
    public async Task RecommendCareers_SampleCandidate_AdvisesOnTheStoredProfile()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);

        using var response = await client.PostAsJsonAsync("/api/v1/careers/recommendations", new { candidate_id = "sample-candidate-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("careers").GetArrayLength());
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"nurse\",\"candidate_id\":\"sample-candidate-1\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"nurse\",\"top_k\":0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"nurse\",\"top_k\":51}", HttpStatusCode.BadRequest)]
    [InlineData("{\"candidate_id\":\"a/b\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":", HttpStatusCode.BadRequest)]
    [InlineData("{\"candidate_id\":\"nobody-here\"}", HttpStatusCode.NotFound)]
    public async Task RecommendCareers_BadInputOrUnknownCandidate_ReturnsProblem(string body, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);

        using var response = await client.PostAsync("/api/v1/careers/recommendations", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
