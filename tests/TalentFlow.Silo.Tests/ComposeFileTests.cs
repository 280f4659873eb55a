namespace TalentFlow.Silo.Tests;

/// <summary>No Docker engine runs here, so the compose file's structure is checked as text.</summary>
public sealed class ComposeFileTests
{
    private static string[] ReadCompose()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docker-compose.yml"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllLines(Path.Combine(dir!.FullName, "docker-compose.yml"));
    }

    private static Dictionary<string, List<string>> Services(string[] lines)
    {
        var services = new Dictionary<string, List<string>>();
        bool inServices = false;
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("services:", StringComparison.Ordinal)) { inServices = true; continue; }
            if (inServices && line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#')) inServices = false;
            if (!inServices) continue;
            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(':'))
            {
                current = [];
                services[line.Trim().TrimEnd(':')] = current;
            }
            else if (current is not null && line.Trim().Length > 0)
            {
                current.Add(line.Trim());
            }
        }
        return services;
    }

    [Fact]
    public void Compose_DeclaresPostgresASchemaStepTwoSilosAndATrainer()
    {
        var services = Services(ReadCompose());
        Assert.Equal(["postgres", "schema", "silo1", "silo2", "trainer"], services.Keys.Order().ToArray());
        Assert.Contains(services["schema"], l => l == "command: [\"--apply-schema\"]");
        Assert.Contains(services["trainer"], l => l.StartsWith("Silo__Roles__0: \"trainer\"", StringComparison.Ordinal));
        Assert.Contains(services["silo1"], l => l.StartsWith("ConnectionStrings__TalentFlow:", StringComparison.Ordinal));
        foreach (var silo in new[] { "silo2", "trainer" })
        {
            Assert.Contains(services[silo], l => l == "<<: *silo-env");
            Assert.Contains(services[silo], l => l.StartsWith("Silo__AdvertisedHost:", StringComparison.Ordinal));
        }
        foreach (var silo in new[] { "silo1", "silo2", "trainer" })
        {
            Assert.Contains(services[silo], l => l == "condition: service_healthy");
            Assert.Contains(services[silo], l => l == "condition: service_completed_successfully");
        }
    }

    [Fact]
    public void Compose_SilosTakeTheAdminKeyFromTheEnvironmentAndRefuseToStartWithoutIt()
    {
        var services = Services(ReadCompose());
        // silo2 and the trainer inherit silo1's environment (<<: *silo-env).
        string line = Assert.Single(services["silo1"], l => l.StartsWith("Auth__AdminKey:", StringComparison.Ordinal));
        Assert.Matches(@"^Auth__AdminKey: ""\$\{TALENTFLOW_ADMIN_KEY:\?[^}]+\}""$", line);
    }

    [Fact]
    public async Task ApplySchema_NoConnectionString_ExitsWithOneReadableLine()
    {
        int code = await TalentFlow.Silo.Hosting.SchemaStep.RunAsync(["--apply-schema", "--ConnectionStrings:TalentFlow="]);

        Assert.Equal(1, code);
    }
}
