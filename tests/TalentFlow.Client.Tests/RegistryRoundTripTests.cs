using System.Net;
using System.Net.Http.Headers;
using TalentFlow.Client.Http;
using TalentFlow.ML.Matching;

namespace TalentFlow.Client.Tests;

/// <summary>The model registry through the typed client on a real silo: register an artifact, promote, roll back, and the errors.</summary>
[Collection(SiloCollection.Name)]
public sealed class RegistryRoundTripTests(SiloFixture silo)
{
    private const string Baseline = "baseline_tfidf";

    internal static MemoryStream BaselineArtifact(params string[] corpus)
    {
        var stream = new MemoryStream();
        BaselineMatcher.Fit(corpus).Save(stream);
        stream.Position = 0;
        return stream;
    }

    private static string NewVersion(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task RegisterModel_ThenRollback_ServesTheEarlierVersionAgain()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string first = NewVersion("outside"), second = NewVersion("outside");
        using (var artifact = BaselineArtifact("python developer", "registered nurse"))
        {
            var registered = await scope.Client.RegisterModelAsync(Baseline, first, artifact, activate: true);
            Assert.Equal(("Production", first), (registered.Stage, registered.Version));
        }
        using (var artifact = BaselineArtifact("java engineer", "school teacher"))
        {
            await scope.Client.RegisterModelAsync(Baseline, second, artifact, activate: true);
        }

        var rolledBack = await scope.Client.RollbackModelAsync(Baseline);

        Assert.Equal(first, rolledBack.Version);
        var versions = (await scope.Client.GetModelsAsync()).Single(m => m.Name == Baseline).Versions.ToDictionary(v => v.Version);
        Assert.Equal("Production", versions[first].Stage);
        Assert.Equal("Archived", versions[second].Stage);
        Assert.Equal(first, versions[second].Parent);
        var silos = await scope.Client.GetSilosAsync();
        Assert.All(silos, s => Assert.Equal(first, s.ModelVersions[Baseline]));
    }

    [Fact]
    public async Task RegisterModel_WithoutActivate_IsRegisteredInStageNone()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = NewVersion("idle");
        using var artifact = BaselineArtifact("welder", "accountant");

        var registered = await scope.Client.RegisterModelAsync(Baseline, version, artifact);

        Assert.Equal("None", registered.Stage);
        Assert.Equal("None", (await scope.Client.GetModelsAsync()).Single(m => m.Name == Baseline).Versions.Single(v => v.Version == version).Stage);
    }

    [Fact]
    public async Task RegisterModel_SameVersionTwice_ThrowsConflict()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = NewVersion("twice");
        using (var artifact = BaselineArtifact("welder"))
        {
            await scope.Client.RegisterModelAsync(Baseline, version, artifact);
        }

        using var again = BaselineArtifact("carpenter");
        var ex = await Assert.ThrowsAsync<TalentFlowConflictException>(() => scope.Client.RegisterModelAsync(Baseline, version, again));
        Assert.Contains(version, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterModel_NotAnArtifact_ThrowsValidationAndRegistersNothing()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = NewVersion("junk");
        using var junk = new MemoryStream("{\"format\": \"not-a-model\"}"u8.ToArray());

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.RegisterModelAsync(Baseline, version, junk));

        Assert.Contains("not a valid baseline_tfidf model", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await scope.Client.GetModelsAsync()).SelectMany(m => m.Versions), v => v.Version == version);
    }

    [Fact]
    public async Task RegisterModel_UnknownKind_ThrowsValidation()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        using var artifact = BaselineArtifact("welder");

        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.RegisterModelAsync("unknown_kind", NewVersion("kind"), artifact));
    }

    [Fact]
    public async Task RegisterRoute_FormBody_Returns415Problem()
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/models/{Baseline}/versions/{NewVersion("form")}")
        {
            Content = new FormUrlEncodedContent([new("file", "x")]),
        };
        request.Headers.Add("X-Api-Key", TestKeys.Admin);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CompareModels_TwoRegisteredVersions_ShowsBothAndOnlyCommonMetricDifferences()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string a = NewVersion("cmp"), b = NewVersion("cmp");
        using (var artifact = BaselineArtifact("welder")) await scope.Client.RegisterModelAsync(Baseline, a, artifact);
        using (var artifact = BaselineArtifact("nurse")) await scope.Client.RegisterModelAsync(Baseline, b, artifact);

        var comparison = await scope.Client.CompareModelsAsync(Baseline, a, b);

        Assert.Equal((a, b), (comparison.A.Version, comparison.B.Version));
        Assert.Empty(comparison.Differences);
        Assert.False(comparison.SameData);
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.CompareModelsAsync(Baseline, a, "no-such-version"));
    }

    [Fact]
    public async Task RollbackModel_KindWithoutProduction_ThrowsNotFound()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.RollbackModelAsync("semantic_encoder"));
    }

    [Fact]
    public async Task RegisterModel_RecruiterKey_ThrowsForbidden()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        using var artifact = BaselineArtifact("welder");

        await Assert.ThrowsAsync<TalentFlowForbiddenException>(() => scope.Client.RegisterModelAsync(Baseline, NewVersion("role"), artifact));
    }
}
