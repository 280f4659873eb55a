using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliInfoTests
{
    [Fact]
    public async Task Info_Json_ReportsOnnxRuntimeProvidersAndTheServedEncodersCheckedSha256()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["info", "--json"], stdout, stderr);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("1.32.0", json.RootElement.GetProperty("onnxruntime").GetString());
        Assert.Equal("Microsoft.ML.OnnxRuntime", json.RootElement.GetProperty("package").GetString());
        Assert.Contains("CPUExecutionProvider", json.RootElement.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("cpu", json.RootElement.GetProperty("execution_provider").GetString());
        Assert.Equal("all-MiniLM-L6-v2", json.RootElement.GetProperty("encoder").GetString());
        Assert.Equal("4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2", json.RootElement.GetProperty("encoder_sha256").GetString());
    }

    [Fact]
    public async Task Info_UnknownExecutionProvider_ExitsOneWithOneLine()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["info", "--execution-provider", "tpu"], stdout, stderr);

        Assert.Equal(1, code);
        Assert.Equal("error: --execution-provider must be auto, cpu or cuda; got 'tpu'.", stderr.ToString().Trim().Split('\n')[^1]);
    }
}
