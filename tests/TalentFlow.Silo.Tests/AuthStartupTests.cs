using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentFlow.Silo.Security;
using TalentFlow.TestKit;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// A host started the way the README starts it: embedded default, no <c>Auth:AdminKey</c>. Its console output goes to a
/// writer and its logs, at every level, to a recorder, so tests can read what was printed and what was logged.
/// </summary>
public sealed partial class GeneratedKeyHostFactory : WebApplicationFactory<Program>
{
    public StringWriter Console { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("SampleData:Load", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseTestKeys(withAdminKey: false);
        // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
        builder.UseSetting("Matching:Encoder", "lsa");
        builder.UseSetting("Silo:GatewayPort", "0");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services => services.AddSingleton(new StartupConsole(Console)));
    }

    /// <summary>The admin key the host printed.</summary>
    public string PrintedAdminKey
    {
        get
        {
            _ = Server;
            var lines = Console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var match = PrintedKeyLine().Match(Assert.Single(lines));
            Assert.True(match.Success, Console.ToString());
            return match.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"^Admin API key \(generated for this run\): (tf_[A-Za-z0-9_-]{43})\r?$")]
    private static partial Regex PrintedKeyLine();
}

public sealed class AuthStartupTests(GeneratedKeyHostFactory host) : IClassFixture<GeneratedKeyHostFactory>
{
    [Fact]
    public async Task Start_EmbeddedWithoutAdminKey_PrintsOneLineWithAGeneratedAdminKeyThatWorks()
    {
        string key = host.PrintedAdminKey;
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var models = await client.GetAsync("/api/v1/models");
        using var silos = await client.GetAsync("/api/v1/cluster/silos");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, silos.StatusCode);
    }

    [Fact]
    public async Task Logs_RequestsWithGoodBadAndForbiddenKeysAndTokens_NeverContainAKey()
    {
        string admin = host.PrintedAdminKey;
        const string wrong = "a-wrong-key-that-nobody-configured-0123";
        using var client = host.CreateClient();
        foreach (var (key, path) in new[]
        {
            (admin, "/api/v1/models"), (TestKeys.Recruiter, "/api/v1/models"), (TestKeys.Reviewer, "/api/v1/feedback/training-status"),
            (wrong, "/api/v1/models"), (TestKeys.Recruiter, "/api/v1/jobs/nothing"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500);
        }
        foreach (string authorization in new[]
        {
            "ApiKey " + wrong, "Bearer " + TestKeys.Token(ApiRoles.Admin), "Bearer " + TestKeys.Token(ApiRoles.Admin, signingKey: wrong + wrong),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/models");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            (await client.SendAsync(request)).Dispose();
        }

        var entries = host.Logs.Entries.ToList();
        Assert.Contains(entries, e => e.Contains(TestKeys.RecruiterName, StringComparison.Ordinal)); // names are logged...
        Assert.Contains(entries, e => e.Contains("generated-admin", StringComparison.Ordinal));
        foreach (string secret in new[] { admin, TestKeys.Recruiter, TestKeys.Reviewer, wrong, TestKeys.JwtSigningKey })
        {
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal)); // ...keys never
        }
    }
}

/// <summary>Hosts configured by hand: those that must not start (and the message says where), and one with authentication off.</summary>
public sealed class AuthConfigurationTests
{
    private sealed class ConfiguredHost(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
            builder.UseSetting("SampleData:Load", "false");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private const string Good = "a-good-key-long-enough-0123456789";

    /// <summary>Settings separated by <c>|</c>, and the message start-up must fail with.</summary>
    public static TheoryData<string, string> Misconfigurations => new()
    {
        { "Auth:AdminKey=short", "Auth:AdminKey: the key is shorter than 24 characters" },
        { $"Auth:AdminKey={Good}|Auth:ApiKeys:0:Name=bot|Auth:ApiKeys:0:Key={Good}x|Auth:ApiKeys:0:Role=owner",
            "Auth:ApiKeys:0 ('bot') has the role 'owner'; a role is one of recruiter, reviewer, admin" },
        { $"Auth:AdminKey={Good}|Auth:ApiKeys:0:Name=bot|Auth:ApiKeys:0:Key={Good}|Auth:ApiKeys:0:Role=recruiter",
            "Auth:ApiKeys:0 ('bot') has the same key as Auth:AdminKey" },
        { $"Auth:AdminKey={Good}|Auth:ApiKeys:0:Key={Good}x|Auth:ApiKeys:0:Role=recruiter", "Auth:ApiKeys:0 has no Name" },
        { $"Auth:AdminKey={Good}|Auth:Jwt:SigningKey=too-short|Auth:Jwt:Audience=api", "Auth:Jwt:SigningKey is shorter than 32 characters" },
        { $"Auth:AdminKey={Good}|Auth:Jwt:SigningKey={Good}{Good}", "Auth:Jwt:Audience is not set" },
        { $"Auth:AdminKey={Good}|Auth:Jwt:SigningKey={Good}{Good}|Auth:Jwt:Authority=https://login.example.test/|Auth:Jwt:Audience=api",
            "Auth:Jwt: set either Authority (keys from its discovery document) or SigningKey (a shared key), not both" },
        { "ConnectionStrings:TalentFlow=Host=127.0.0.1;Port=1;Username=nobody;Database=nothing",
            "Auth:AdminKey is not set. A host with a database (ConnectionStrings:TalentFlow) must be given its admin key" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void Start_InvalidAuthConfiguration_FailsWithAMessageNamingTheSetting(string settings, string message)
    {
        var pairs = settings.Split('|').Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        // Not disposed: a factory whose host failed to start throws from Dispose (its host never ran, so nothing leaks).
        var host = new ConfiguredHost(pairs);

        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Good, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AuthDisabled_OpensEveryRouteWithoutAKey()
    {
        using var host = new ConfiguredHost(new Dictionary<string, string> { ["Auth:Enabled"] = "false" });
        using var client = host.CreateClient();

        using var models = await client.GetAsync("/api/v1/models");
        using var status = await client.GetFromJsonAsync<System.Text.Json.JsonDocument>("/api/v1/feedback/training-status");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.NotNull(status);
    }
}
