using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The host as an operator runs it: its own process, its real stdout and stderr, its exit code. Started from the test's
/// output folder, where the build copies the host.
/// </summary>
public sealed partial class SiloProcessTests
{
    private static Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "TalentFlow.Silo.dll", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        foreach (string inherited in new[] { "ASPNETCORE_URLS", "ConnectionStrings__TalentFlow", "Auth__AdminKey", "Auth__Enabled" })
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["Silo__Endpoint"] = "127.0.0.1:0";
        start.Environment["Silo__GatewayPort"] = "0";
        start.Environment["SampleData__Load"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
    }

    [Fact]
    public async Task Run_EmbeddedWithoutAdminKey_PrintsTheGeneratedKeyOnceOnStdoutAndItWorks()
    {
        using var process = Start(new Dictionary<string, string>());
        var stdout = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? url = null, key = null;
            while ((url is null || key is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                stdout.Add(line);
                if (ListeningLine().Match(line) is { Success: true } listening) url = listening.Groups[1].Value;
                if (KeyLine().Match(line) is { Success: true } printed) key = printed.Groups[1].Value;
            }
            Assert.True(url is not null && key is not null, string.Join('\n', stdout));

            using var client = new HttpClient { BaseAddress = new Uri(url) };
            using var anonymous = await client.GetAsync("/api/v1/models");
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var admin = await client.GetAsync("/api/v1/models");

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Single(stdout, l => l.Contains(key, StringComparison.Ordinal));
            // The default encoder is all-MiniLM-L6-v2, the file checked by its SHA-256.
            using var silos = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/cluster/silos"));
            string? encoder = silos.RootElement[0].GetProperty("model_versions").GetProperty("semantic_encoder").GetString();
            Assert.StartsWith("all-MiniLM-L6-v2:4a64cee3d4134bbd", encoder, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        string rest = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        Assert.DoesNotContain("tf_", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DatabaseWithoutAdminKey_ExitsNonZeroSayingTheAdminKeyIsMissing()
    {
        var (code, stdout, stderr) = await RunToEndAsync(new Dictionary<string, string> { ["ConnectionStrings__TalentFlow"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing" });

        Assert.NotEqual(0, code);
        Assert.Contains("Auth:AdminKey is not set. A host with a database", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Admin API key", stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs the host to its end with <paramref name="environment"/>; its exit code, stdout and stderr.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunToEndAsync(IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private const string GoodKey = "a-good-key-long-enough-0123456789";

    /// <summary>A setting, and the line start-up must stop with: what is wrong and the environment variable to change.</summary>
    public static TheoryData<string, string> ConfigurationErrors => new()
    {
        { "Auth__AdminKey=short", "Auth:AdminKey: the key is shorter than 24 characters (set Auth__AdminKey)" },
        { "Uploads__MaxBytes=5", "Uploads:MaxBytes: The field MaxBytes must be between 1024 and 1073741824 (set Uploads__MaxBytes)" },
        { "Onnx__ExecutionProvider=gpu", "Onnx:ExecutionProvider must be auto, cpu or cuda (set Onnx__ExecutionProvider)" },
        { "Silo__GatewayPort=abc", "Silo:GatewayPort: 'abc' is not a valid Int32 (set Silo__GatewayPort)" },
        { "Cluster__ClusterId=", "Configuration for ClusterOptions is invalid. A non-empty value for ClusterId is required." },
        { "ConnectionStrings__TalentFlow=garbage", "ConnectionStrings:TalentFlow is not a PostgreSQL connection string: " },
    };

    [Theory]
    [MemberData(nameof(ConfigurationErrors))]
    public async Task Run_InvalidSetting_ExitsOneWithOneLineNamingTheSettingAndNoStackTrace(string setting, string message)
    {
        var pair = setting.Split('=', 2);
        var environment = new Dictionary<string, string> { ["Auth__AdminKey"] = GoodKey, [pair[0]] = pair[1] };

        var (code, stdout, stderr) = await RunToEndAsync(environment);

        Assert.True(code == 1, $"exit {code}: {stderr}");
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("talentflow-silo: configuration error: " + message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal); // neither a type name nor a stack trace
        Assert.DoesNotContain(".cs:line", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage", line, StringComparison.Ordinal); // a connection string's value (it may hold a password) is never printed
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal); // refused before Kestrel and Orleans started
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^Admin API key \(generated for this run\): (tf_[A-Za-z0-9_-]{43})$")]
    private static partial Regex KeyLine();
}
