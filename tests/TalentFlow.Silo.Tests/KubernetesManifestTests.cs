using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using TalentFlow.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// No cluster runs here, so <c>deploy/k8s</c> is parsed and its structure checked: the kinds, the environment against the
/// options the silo binds, the probes against the silo's routes, the grace period against the drain.
/// </summary>
[Collection(SiloHostCollection.Name)]
public sealed class KubernetesManifestTests(SiloHostFactory factory)
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "deploy", "k8s"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    private static List<(string File, YamlMappingNode Node)> Documents(bool includeExample = false)
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").Order(StringComparer.Ordinal))
        {
            string file = Path.GetFileName(path);
            if (file == "kustomization.yaml" || (!includeExample && file.EndsWith(".example.yaml", StringComparison.Ordinal))) continue;
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            foreach (var document in stream.Documents) documents.Add((file, (YamlMappingNode)document.RootNode));
        }
        return documents;
    }

    private static YamlNode? At(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node)) return null;
        }
        return node;
    }

    private static string? Text(YamlNode? node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    private static YamlMappingNode Workload(string kind, string name) =>
        Assert.Single(Documents(), d => Text(d.Node, "kind") == kind && Text(d.Node, "metadata", "name") == name).Node;

    private static YamlMappingNode Container(YamlMappingNode workload) =>
        (YamlMappingNode)Assert.Single(Items(At(workload, "spec", "template", "spec", "containers")));

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        Items(At(container, "env")).Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name")!, StringComparer.Ordinal);

    [Fact]
    public void Manifests_AllFiles_DeclareTheClustersKindsInOneNamespaceAndKustomizationListsThem()
    {
        var documents = Documents();

        var kinds = documents.Select(d => $"{Text(d.Node, "kind")}/{Text(d.Node, "metadata", "name")}").Order(StringComparer.Ordinal);
        Assert.Equal(
            ["Deployment/talentflow-silo", "Deployment/talentflow-trainer", "Namespace/talentflow", "NetworkPolicy/talentflow-silo-port",
             "Service/talentflow-api", "Service/talentflow-postgres", "StatefulSet/talentflow-postgres"],
            kinds);
        Assert.All(documents.Where(d => Text(d.Node, "kind") != "Namespace"), d => Assert.Equal("talentflow", Text(d.Node, "metadata", "namespace")));
        var kustomization = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "deploy", "k8s", "kustomization.yaml"))) kustomization.Load(reader);
        var resources = Items(At(kustomization.Documents[0].RootNode, "resources")).Select(r => ((YamlScalarNode)r).Value!).Order(StringComparer.Ordinal);
        Assert.Equal(documents.Select(d => d.File).Distinct().Order(StringComparer.Ordinal), resources);
    }

    [Fact]
    public void Manifests_ContainerEnvironment_NamesOnlySettingsTheSiloBindsAndSecretsTheExampleDeclares()
    {
        var secret = Assert.Single(Documents(includeExample: true), d => Text(d.Node, "kind") == "Secret").Node;
        var secretKeys = ((YamlMappingNode)At(secret, "stringData")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();

        foreach (var name in new[] { "talentflow-silo", "talentflow-trainer" })
        {
            var env = Env(Container(Workload("Deployment", name)));
            Assert.All(env.Keys, key => Assert.True(DeploymentConfiguration.IsKnown(key, out string why), why));
            Assert.All(env.Values.Select(e => Text(e, "valueFrom", "secretKeyRef", "key")).OfType<string>(), key => Assert.Contains(key, secretKeys));
            Assert.Contains("ConnectionStrings__TalentFlow", env.Keys);
            Assert.Contains("Auth__AdminKey", env.Keys);
            Assert.Equal("status.podIP", Text(env["Silo__AdvertisedHost"], "valueFrom", "fieldRef", "fieldPath"));
        }
        Assert.Equal("trainer", Text(Env(Container(Workload("Deployment", "talentflow-trainer")))["Silo__Roles__0"], "value"));
        Assert.DoesNotContain("Silo__Roles__0", Env(Container(Workload("Deployment", "talentflow-silo"))).Keys);
    }

    [Fact]
    public void Manifests_LiteralSiloSettings_BindToTheSilosOptions()
    {
        var env = Env(Container(Workload("Deployment", "talentflow-trainer")));
        var literal = env.Where(e => Text(e.Value, "value") is not null)
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => Text(e.Value, "value"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(literal).Build();

        var silo = configuration.GetSection("Silo").Get<SiloSettings>()!;
        var cluster = configuration.GetSection("Cluster").Get<ClusterOptions>()!;

        Assert.Equal(["trainer"], silo.Roles);
        Assert.Equal(("0.0.0.0:11111", 30000), (silo.Endpoint, silo.GatewayPort));
        Assert.Equal(("prod", "talentflow"), (cluster.ClusterId, cluster.ServiceId));
    }

    [Fact]
    public async Task Manifests_SiloProbes_PointAtRoutesThatAnswerOnTheNamedPort()
    {
        using var client = factory.CreateClient();
        foreach (var name in new[] { "talentflow-silo", "talentflow-trainer" })
        {
            var container = Container(Workload("Deployment", name));
            var ports = Items(At(container, "ports")).ToDictionary(p => Text(p, "name")!, p => Text(p, "containerPort"));
            Assert.Equal("8080", ports["http"]);
            Assert.Equal("11111", ports["silo"]);
            // Cluster clients (IClusterClient) connect to the gateway at the port the silo listens on.
            Assert.Equal("30000", ports["gateway"]);
            Assert.Equal(ports["gateway"], Text(Env(container)["Silo__GatewayPort"], "value"));
            foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                Assert.Equal(path, Text(container, probe, "httpGet", "path"));
                Assert.Equal("http", Text(container, probe, "httpGet", "port"));
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            }
        }
        var service = Workload("Service", "talentflow-api");
        Assert.Equal("http", Text(Assert.Single(Items(At(service, "spec", "ports"))), "targetPort"));
        Assert.Equal(
            Text(Workload("Deployment", "talentflow-silo"), "spec", "template", "metadata", "labels", "app.kubernetes.io/name"),
            Text(service, "spec", "selector", "app.kubernetes.io/name"));
    }

    [Fact]
    public void NetworkPolicy_SiloAndGatewayPorts_OpenOnlyToSilosAndClusterClients()
    {
        var policy = Workload("NetworkPolicy", "talentflow-silo-port");
        var rules = Items(At(policy, "spec", "ingress")).Select(rule => (
            From: Items(At(rule, "from")).Select(f => string.Join(",", ((YamlMappingNode)At(f, "podSelector", "matchLabels")!).Children.Select(l => $"{l.Key}={l.Value}"))).ToList(),
            Ports: Items(At(rule, "ports")).Select(p => Text(p, "port")).ToList())).ToList();
        // Which pods may reach each port; an empty list is "anyone in the namespace's reach".
        List<string> Reaching(string port) => [.. rules.Where(r => r.Ports.Contains(port)).SelectMany(r => r.From.Count == 0 ? ["*"] : r.From).Order(StringComparer.Ordinal)];

        Assert.Equal(["talentflow.io/silo=true"], Reaching("11111"));
        Assert.Equal(["talentflow.io/cluster-client=true", "talentflow.io/silo=true"], Reaching("30000"));
        Assert.Equal(["*"], Reaching("8080"));
        Assert.Equal("true", Text(policy, "spec", "podSelector", "matchLabels", "talentflow.io/silo"));
    }

    [Fact]
    public void Manifests_SiloGracePeriod_CoversThePreStopPauseTheDrainAndTheHostsShutdown()
    {
        var hostShutdown = new HostOptions().ShutdownTimeout;
        foreach (var name in new[] { "talentflow-silo", "talentflow-trainer" })
        {
            var workload = Workload("Deployment", name);
            var container = Container(workload);
            int grace = int.Parse(Text(workload, "spec", "template", "spec", "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
            var drain = TimeSpan.Parse(Text(Env(container)["Silo__ShutdownDrainTimeout"], "value")!, CultureInfo.InvariantCulture);
            var preStop = Items(At(container, "lifecycle", "preStop", "exec", "command")).Select(c => ((YamlScalarNode)c).Value).ToList();
            int pause = preStop is ["sleep", var seconds] ? int.Parse(seconds!, CultureInfo.InvariantCulture) : 0;

            // The drain ends inside the host's shutdown timeout, and Kubernetes waits for both before it kills.
            Assert.True(drain < hostShutdown, $"{name}: drain {drain} is not inside the host's shutdown timeout {hostShutdown}");
            Assert.True(grace >= pause + hostShutdown.TotalSeconds + 5, $"{name}: grace {grace} s < {pause} s pause + {hostShutdown.TotalSeconds} s shutdown + 5 s");
        }
    }

    [Fact]
    public void SystemdUnit_EnvironmentFileAndStopTimeout_MatchTheSilosSettingsAndDrain()
    {
        string unit = File.ReadAllText(Path.Combine(Root, "deploy", "systemd", "talentflow-silo.service"));
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "systemd", "talentflow-silo.env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var env = lines.ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

        Assert.All(env.Keys, key => Assert.True(DeploymentConfiguration.IsKnown(key, out string why), why));
        Assert.Contains("EnvironmentFile=/etc/talentflow/silo.env", unit, StringComparison.Ordinal);
        Assert.Contains("KillSignal=SIGTERM", unit, StringComparison.Ordinal);
        int stop = int.Parse(System.Text.RegularExpressions.Regex.Match(unit, @"^TimeoutStopSec=(\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(stop > new HostOptions().ShutdownTimeout.TotalSeconds);
        Assert.True(TimeSpan.Parse(env["Silo__ShutdownDrainTimeout"], CultureInfo.InvariantCulture) < new HostOptions().ShutdownTimeout);
    }

    [Fact]
    public void ComposeFile_SiloEnvironment_NamesOnlySettingsTheSiloBinds()
    {
        var names = File.ReadAllLines(Path.Combine(Root, "docker-compose.yml"))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s+((?:[A-Za-z]+__[A-Za-z0-9_]+)|ASPNETCORE_URLS):"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("Silo__Endpoint", names);
        Assert.Contains("Silo__GatewayPort", names);
        Assert.All(names, key => Assert.True(DeploymentConfiguration.IsKnown(key, out string why), why));
    }
}
