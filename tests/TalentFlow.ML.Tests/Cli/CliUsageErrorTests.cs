using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

/// <summary>A call to fix gets one readable line on stderr, naming what was wrong and what to do, and exit code 2.</summary>
public sealed class CliUsageErrorTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("trian baseline", "unknown command 'trian' for 'talentflow'; did you mean 'train'?")]
    [InlineData("modles list", "unknown command 'modles' for 'talentflow'; did you mean 'models'?")]
    [InlineData("models", "'talentflow models' needs a command: list, promote")]
    [InlineData("models list --bogus", "unknown option or argument '--bogus' for 'talentflow models list'")]
    [InlineData("zzzzzz", "unknown command 'zzzzzz' for 'talentflow' (see talentflow --help)")]
    public async Task RunAsync_MistypedCall_OneLineNamingTheWordAndExitTwo(string call, string expected)
    {
        var (code, stdout, stderr) = await Run(call.Split(' '));

        Assert.Equal(CliApp.BadArguments, code);
        Assert.Empty(stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OperationWithoutAnApiKey_SaysHowToPassOneAndExitsTwo()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TALENTFLOW_API_KEY")), "the test needs TALENTFLOW_API_KEY unset");

        var (code, _, stderr) = await Run("training", "status", "--url", "http://127.0.0.1:9", "--log-level", "none");

        Assert.Equal(CliApp.BadArguments, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no API key: pass --api-key KEY or set TALENTFLOW_API_KEY", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }
}
