using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TalentFlow.Docs.Tests;

/// <summary>
/// The silo's host on the embedded in-memory default (as tests/TalentFlow.Silo.Tests/SiloHostFactory.cs starts it): its
/// silo endpoint on a free loopback port, the fast LSA encoder, no sample data, an admin key.
/// </summary>
public sealed class DocsHostFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "docs-admin-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("Silo:GatewayPort", "0");
        builder.UseSetting("Silo:SiloName", "docs-silo");
        builder.UseSetting("Matching:Encoder", "lsa");
        builder.UseSetting("SampleData:Load", "false");
        builder.UseSetting("Auth:AdminKey", AdminKey);
    }
}
