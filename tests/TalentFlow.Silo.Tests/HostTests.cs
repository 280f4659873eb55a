using System.Net;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class HostTests(SiloHostFactory factory)
{
    [Fact]
    public async Task HealthReady_NoKey_ReturnsReady()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ready", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClusterSilos_EmbeddedDefault_ListsOneActiveSiloWithRoles()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        var json = await client.GetStringAsync("/api/v1/cluster/silos");
        using var doc = JsonDocument.Parse(json);
        var silo = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Contains("trainer", silo.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(silo.TryGetProperty("model_versions", out _));
    }

    [Fact]
    public async Task UnknownRoute_AnyValidKey_Returns404()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.GetAsync("/api/v1/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SiloHostCollection.Name)]
public sealed class OpenApiTests(SiloHostFactory factory)
{
    [Fact]
    public async Task OpenApiDocument_NoKey_ListsTheSeedRoutes()
    {
        using var client = factory.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/screening/upload-resume", paths);
        Assert.Contains("/api/v1/feedback/submit", paths);
        Assert.Contains("/api/v1/feedback/training-status", paths);
        Assert.Contains("/api/v1/jobs", paths);
        Assert.Contains("/api/v1/models", paths);
    }

    [Fact]
    public async Task OpenApiDocument_NoKey_DescribesTheKeySchemeAndEachOperationsRoles()
    {
        using var client = factory.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = doc.RootElement;

        var apiKey = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", apiKey.GetProperty("name").GetString());
        var submit = root.GetProperty("paths").GetProperty("/api/v1/feedback/submit").GetProperty("post");
        var schemes = submit.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["ApiKey", "Bearer"], schemes);
        Assert.Contains("Roles: reviewer, admin.", submit.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(root.GetProperty("paths").GetProperty("/health/ready").GetProperty("get").TryGetProperty("security", out _));
    }
}
