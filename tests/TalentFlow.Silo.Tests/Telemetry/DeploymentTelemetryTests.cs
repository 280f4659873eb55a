using System.Text.RegularExpressions;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>The deployment files name the service once and tell each silo apart, and leave OTLP off until an endpoint is given.</summary>
public sealed partial class DeploymentTelemetryTests
{
    private static string Read(params string[] path)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docker-compose.yml"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine([dir!.FullName, .. path]));
    }

    [Fact]
    public void Compose_EverySilo_HasItsOwnInstanceIdAndNoActiveOtlpEndpoint()
    {
        string compose = Read("docker-compose.yml");

        Assert.Single(ServiceName().Matches(compose));
        var instances = InstanceId().Matches(compose).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["silo1", "silo2", "trainer"], instances);
        Assert.DoesNotMatch(ActiveEndpoint(), compose);
    }

    [Theory]
    [InlineData("silo.yaml")]
    [InlineData("trainer.yaml")]
    public void Manifest_Silo_TakesItsInstanceIdFromThePodNameAndNoActiveOtlpEndpoint(string file)
    {
        string manifest = Read("deploy", "k8s", file);

        Assert.Contains("service.instance.id=$(Silo__SiloName)", manifest, StringComparison.Ordinal);
        // Kubernetes expands $(Silo__SiloName) only when it is declared before the variable that uses it.
        Assert.True(manifest.IndexOf("name: Silo__SiloName", StringComparison.Ordinal) < manifest.IndexOf("name: OTEL_RESOURCE_ATTRIBUTES", StringComparison.Ordinal));
        Assert.DoesNotMatch(ActiveK8sEndpoint(), manifest);
    }

    [GeneratedRegex(@"^\s+OTEL_SERVICE_NAME: ""talentflow-silo""$", RegexOptions.Multiline)]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"^\s+OTEL_RESOURCE_ATTRIBUTES: ""service\.instance\.id=([a-z0-9]+)""$", RegexOptions.Multiline)]
    private static partial Regex InstanceId();

    [GeneratedRegex(@"^\s+OTEL_EXPORTER_OTLP_ENDPOINT:", RegexOptions.Multiline)]
    private static partial Regex ActiveEndpoint();

    [GeneratedRegex(@"^\s+- name: OTEL_EXPORTER_OTLP_ENDPOINT", RegexOptions.Multiline)]
    private static partial Regex ActiveK8sEndpoint();
}
