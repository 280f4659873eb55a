using TalentFlow.Cli;
using TalentFlow.ML.Tests.Documents;

namespace TalentFlow.ML.Tests.Cli;

/// <summary><c>talentflow extract</c> on a scan: exit code 1 and one readable line, nothing on stdout.</summary>
public sealed class CliExtractQualityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Extract_ScannedPdf_ExitsOneWithOneLineSayingWhatWasDetected()
    {
        var path = Path.Combine(_dir, "scan.pdf");
        await File.WriteAllBytesAsync(path, PdfBuilder.Scanned());
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["extract", path], stdout, stderr);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout.ToString());
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: NoText: The PDF has 1 page(s) and 1 image(s) but only 0 character(s)", line, StringComparison.Ordinal);
    }
}
