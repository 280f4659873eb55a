using System.Net;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>A body ASP.NET Core cannot bind gets a 400 whose detail says where, in the caller's terms.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class RequestBodyProblemTests(SiloHostFactory factory)
{
    [Theory]
    [InlineData("{\"title\": \"Data Engineer\", ", "at $ ")]
    [InlineData("{\"title\": 5, \"description\": \"Pipelines.\"}", "at $.title ")]
    [InlineData("not json", "at $ ")]
    public async Task PostJob_UnreadableJson_400DetailNamesThePlaceWithoutDotNetTypes(string body, string place)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/jobs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("The JSON body could not be read " + place, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.Equal("Invalid request", problem.RootElement.GetProperty("title").GetString());
    }
}
