using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The host on the embedded in-memory default, its silo endpoint on a free loopback port, with an admin, a recruiter and a
/// reviewer key (<see cref="TestKeys"/>). <see cref="CreateClient(string)"/> gives a client that sends a role's key;
/// <c>CreateClient()</c> one that sends none.
/// </summary>
public sealed class SiloHostFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("Silo:SiloName", "test-silo");
        builder.UseTestKeys();
        // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
        builder.UseSetting("Matching:Encoder", "lsa");
        builder.UseSetting("Silo:GatewayPort", "0");
    }

    /// <summary>A client that sends the key of <paramref name="role"/> (<c>recruiter</c>, <c>reviewer</c> or <c>admin</c>).</summary>
    public HttpClient CreateClient(string role) => CreateClient().As(role);
}

/// <summary>One host for every test class that talks to the API: starting a silo with sample data is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFactory>
{
    public const string Name = "silo host";
}
