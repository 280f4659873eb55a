using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalentFlow.Client.Http;
using TalentFlow.TestKit;

namespace TalentFlow.Client.Tests;

/// <summary>Start-up validation of the options, and keys kept out of logs and strings.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData(null, "key-0123456789abcdef", "BaseAddress")]
    [InlineData("ftp://example.test/", "key-0123456789abcdef", "BaseAddress")]
    [InlineData("http://127.0.0.1:1/", null, "exactly one")]
    [InlineData("http://127.0.0.1:1/", "has white space", "ApiKey")]
    public async Task StartHost_InvalidOptions_FailsNamingTheSetting(string? baseAddress, string? apiKey, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTalentFlowClient(o =>
        {
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
            o.ApiKey = apiKey;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        if (apiKey is not null) Assert.DoesNotContain(apiKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyAndTokenProviderBoth_Fails()
    {
        using var scope = ClientScope.Create(new Uri("http://127.0.0.1:1/"), o =>
        {
            o.ApiKey = "key-0123456789abcdef";
            o.BearerTokenProvider = _ => ValueTask.FromResult<string?>("t");
        });

        Assert.Throws<OptionsValidationException>(() => scope.Client);
    }

    [Fact]
    public void Validate_MaxRetryDelayOverADay_FailsNamingIt()
    {
        using var scope = ClientScope.Create(new Uri("http://127.0.0.1:1/"), o =>
        {
            o.ApiKey = "key-0123456789abcdef";
            o.MaxRetryDelay = TimeSpan.FromDays(2);
        });

        var ex = Assert.Throws<OptionsValidationException>(() => scope.Client);

        Assert.Contains("MaxRetryDelay must be at most 1 day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithKey_NeverShowsIt()
    {
        var options = new TalentFlowClientOptions { BaseAddress = new Uri("http://127.0.0.1:1/"), ApiKey = "secret-key-0123456789abcdef" };

        Assert.DoesNotContain("secret-key", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=(set)", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_WithRetriesAndTraceLogging_NeverLogsTheKey()
    {
        const string Key = "secret-key-never-logged-0123456789";
        await using var server = await TransientServer.StartAsync(failures: 1);
        var logs = new RecordingLoggerProvider();
        using var scope = ClientScope.Create(server.BaseAddress, o =>
        {
            o.ApiKey = Key;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        }, logs: logs);

        await scope.Client.GetJobAsync("job-1");

        Assert.Contains(logs.Entries, e => e.Contains("[3100]", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains(Key, StringComparison.Ordinal));
    }
}
