using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>Admin routes through the typed client: training, training jobs, the model registry, the cluster, health.</summary>
[Collection(SiloCollection.Name)]
public sealed class OperationsRoundTripTests(SiloFixture silo)
{
    [Fact]
    public async Task TriggerTraining_Forced_ReturnsAnAnswerWhoseJobCanBeRead()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        var trigger = await scope.Client.TriggerTrainingAsync(force: true);

        Assert.False(string.IsNullOrWhiteSpace(trigger.Message));
        if (trigger.JobId is { } jobId)
        {
            var job = await scope.Client.GetTrainingJobAsync(jobId);
            Assert.Equal(jobId, job.Id);
            Assert.Contains(job.Status, new[] { "queued", "running", "succeeded", "failed", "cancelled" });
        }
        else
        {
            Assert.False(trigger.Success);
        }
    }

    [Fact]
    public async Task GetTrainingJob_Unknown_ThrowsNotFound()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.GetTrainingJobAsync("no-such-training-job"));
    }

    [Fact]
    public async Task GetModels_Admin_ListsTheRegistry()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        var models = await scope.Client.GetModelsAsync();

        Assert.All(models, m => Assert.All(m.Versions, v => Assert.Contains(v.Stage, new[] { "None", "Staging", "Production", "Archived" })));
    }

    [Fact]
    public async Task PromoteModel_UnknownVersion_ThrowsNotFound()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.PromoteModelAsync("baseline_tfidf", "no-such-version"));
    }

    [Fact]
    public async Task GetSilos_Admin_ReturnsTheActiveSiloWithItsModelVersions()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);

        var silos = await scope.Client.GetSilosAsync();

        var only = Assert.Single(silos);
        Assert.Equal("Active", only.Status);
        Assert.NotEmpty(only.ModelVersions);
    }

    [Fact]
    public async Task GetHealth_RunningSilo_IsReady()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);

        var health = await scope.Client.GetHealthAsync();

        Assert.True(health.IsReady);
        Assert.Equal("ready", health.Status);
    }

    [Fact]
    public async Task GetSilos_BearerTokenProvider_SendsAFreshTokenEachCall()
    {
        int asked = 0;
        using var scope = ClientScope.Create(silo.BaseAddress, o => o.BearerTokenProvider = _ =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult<string?>(TestKeys.Token("admin"));
        });

        await scope.Client.GetSilosAsync();
        await scope.Client.GetModelsAsync();

        Assert.Equal(2, asked);
    }
}
