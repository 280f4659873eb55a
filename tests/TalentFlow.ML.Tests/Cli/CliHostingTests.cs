using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TalentFlow.Cli;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Tests.Documents;

namespace TalentFlow.ML.Tests.Cli;

/// <summary><c>--log-level</c> on every command, progress only on a terminal, and one readable error line for bad input.</summary>
public sealed class CliHostingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err, CapturingLoggerProvider Logs)> Run(bool terminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var logs = new CapturingLoggerProvider();
        var environment = new CliEnvironment(stdout, stderr)
        {
            StderrIsTerminal = terminal,
            CreateLoggerFactory = (level, _) => LoggerFactory.Create(b => b.SetMinimumLevel(level).AddProvider(logs)),
        };
        var code = await CliApp.RunAsync(args, environment);
        return (code, stdout.ToString(), stderr.ToString(), logs);
    }

    private static Task<(int Code, string Out, string Err, CapturingLoggerProvider Logs)> Run(params string[] args) => Run(false, args);

    private string WritePairs()
    {
        var path = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(path, "resume,job_description,score\n\"C#, SQL developer\",C# developer,1\nICU nurse,C# developer,0\n" +
            "python machine learning,data scientist python,0.9\nchef,data scientist python,0\n");
        return path;
    }

    private string WriteCareer()
    {
        var path = Path.Combine(_dir, "career.csv");
        File.WriteAllText(path, "Category,Resume\nData,python pandas machine learning\nData,statistics python models\n" +
            "Nursing,patient care icu nurse\nNursing,hospital ward nurse patient\n");
        return path;
    }

    private string[] EveryCommand()
    {
        var pairs = WritePairs();
        var career = WriteCareer();
        var text = Path.Combine(_dir, "cv.txt");
        File.WriteAllText(text, "Jane Doe, C# developer");
        return
        [
            $"eval match --train {pairs} --test {pairs} --json",
            $"eval career --train {career} --test {career} --epochs 20 --json",
            $"extract {text} --json",
            $"create-sample --out {Path.Combine(_dir, "sample")} --pairs 8 --json",
            $"train baseline --train {pairs} --validation {pairs} --output {Path.Combine(_dir, "model")} --json",
        ];
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("debug")]
    [InlineData("information")]
    [InlineData("warning")]
    [InlineData("error")]
    [InlineData("none")]
    public async Task EveryCommand_LogLevel_IsAcceptedAndStdoutStaysOneJsonObject(string level)
    {
        foreach (var command in EveryCommand())
        {
            var (code, stdout, stderr, _) = await Run([.. command.Split(' '), "--log-level", level]);
            Assert.True(code == 0, $"{command}: {stderr}");
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(stdout).RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task LogLevel_Information_LogsStepsButNotDebug()
    {
        var (code, _, _, logs) = await Run("eval", "match", "--train", WritePairs(), "--test", WritePairs(), "--model", "tfidf", "--log-level", "information");
        Assert.Equal(0, code);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Fitting TF-IDF took", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level < LogLevel.Information);
    }

    [Fact]
    public async Task LogLevel_Default_LogsNothingOnSuccess()
    {
        var (code, _, stderr, logs) = await Run("eval", "match", "--train", WritePairs(), "--test", WritePairs(), "--json");
        Assert.Equal(0, code);
        Assert.Empty(logs.Entries);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task LogLevel_Unknown_FailsWithExitCode2AndOneLine()
    {
        var (code, stdout, stderr, _) = await Run("eval", "match", "--train", WritePairs(), "--test", WritePairs(), "--log-level", "loud");
        Assert.Equal(CliApp.BadArguments, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: --log-level 'loud' is not one of trace, debug, information, warning, error, none", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("eval career --train a.csv --test b.csv --epochs many")]
    [InlineData("eval career --train a.csv")]
    [InlineData("eval career --train a.csv --test b.csv --model forest")]
    [InlineData("eval nonsense")]
    [InlineData("frobnicate")]
    [InlineData("")]
    public async Task BadArguments_FailWithExitCode2AndOneReadableLine(string args)
    {
        var (code, stdout, stderr, _) = await Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(CliApp.BadArguments, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_PasswordProtectedPdf_FailsWithOneLineNamingEncryption()
    {
        var path = Path.Combine(_dir, "locked.pdf");
        await File.WriteAllBytesAsync(path, EncryptedPdfFixture.Make("Jane Doe", userPassword: "secret"));
        var (code, stdout, stderr, _) = await Run("extract", path, "--json");
        Assert.Equal(CliApp.Failed, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: Encrypted: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_100MegabyteFile_FailsWithOneLineNamingTheLimit()
    {
        var path = Path.Combine(_dir, "big.pdf");
        using (var file = File.Create(path))
        {
            file.SetLength(100L * 1024 * 1024);
        }

        var (code, _, stderr, _) = await Run("extract", path);
        Assert.Equal(CliApp.Failed, code);
        Assert.StartsWith("error: TooLarge: ", Assert.Single(stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_StderrIsTerminal_DrawsOnStderrAndLeavesStdoutJson()
    {
        var (code, stdout, stderr, _) = await Run(terminal: true, "eval", "career", "--train", WriteCareer(), "--test", WriteCareer(), "--epochs", "20", "--json");
        Assert.Equal(0, code);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(stdout).RootElement.ValueKind);
        Assert.Contains("Fitting TF-IDF", stderr, StringComparison.Ordinal);
        Assert.Contains("100%", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_StderrRedirected_DrawsNothing()
    {
        var (code, _, stderr, _) = await Run(terminal: false, "eval", "career", "--train", WriteCareer(), "--test", WriteCareer(), "--epochs", "20", "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task Process_LogLevelInformation_ConsoleLogsGoToStderrAndJsonToStdout()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "talentflow.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "eval", "match", "--train", WritePairs(), "--test", WritePairs(), "--model", "tfidf", "--json", "--log-level", "information" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await stdout).RootElement.ValueKind);
        Assert.Contains("info: talentflow[1200] Fitting TF-IDF took", await stderr, StringComparison.Ordinal);
    }
}
