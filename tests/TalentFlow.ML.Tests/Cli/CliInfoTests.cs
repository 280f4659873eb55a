using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliInfoTests
{
    [Fact]
    public async Task Info_Json_ReportsTheOnnxRuntimeVersionAndTheCpuProvider()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["info", "--json"], stdout, stderr);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("1.29.0", json.RootElement.GetProperty("onnxruntime").GetString());
        Assert.Contains("CPUExecutionProvider", json.RootElement.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
    }
}
