using Microsoft.Extensions.Logging;

namespace TalentFlow.ML.Onnx.Tests;

/// <summary>The execution provider choice on the CPU-only ONNX Runtime package the tests build with.</summary>
public sealed class OnnxSentenceEncoderProviderTests
{
    private static OnnxSentenceEncoder Open(OnnxExecutionProvider provider, RecordingLogger logger) =>
        new(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, ExecutionProvider = provider }, logger);

    [Fact]
    public async Task Ctor_CudaOnCpuOnlyBuild_RunsOnCpuAndLogsOneWarning()
    {
        var logger = new RecordingLogger();
        using var encoder = Open(OnnxExecutionProvider.Cuda, logger);

        Assert.Equal("cpu", encoder.ExecutionProvider);
        var warning = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(4000, warning.EventId);
        Assert.Contains("CUDA", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CPU", warning.Message, StringComparison.Ordinal);
        var vectors = await encoder.EmbedAsync(["still serves"]);
        Assert.Equal(encoder.Dimension, vectors[0].Length);
    }

    [Fact]
    public void Ctor_AutoOnCpuOnlyBuild_RunsOnCpuWithoutWarning()
    {
        var logger = new RecordingLogger();
        using var encoder = Open(OnnxExecutionProvider.Auto, logger);

        Assert.Equal("cpu", encoder.ExecutionProvider);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logger.Entries, e => e.EventId == 4001 && e.Message.Contains("cpu", StringComparison.Ordinal));
    }
}
