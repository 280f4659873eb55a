using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TalentFlow.Silo.Tests;

/// <summary>The host on the embedded in-memory default, its silo endpoint on a free loopback port.</summary>
public sealed class SiloHostFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("Silo:SiloName", "test-silo");
    }
}

/// <summary>One host for every test class that talks to the API: starting a silo with sample data is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFactory>
{
    public const string Name = "silo host";
}
