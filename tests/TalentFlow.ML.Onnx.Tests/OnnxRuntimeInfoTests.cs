namespace TalentFlow.ML.Onnx.Tests;

public sealed class OnnxRuntimeInfoTests
{
    [Fact]
    public void Describe_RestoredRuntime_Reports1_29_0WithCpuProvider()
    {
        var info = OnnxRuntimeInfo.Describe();
        Assert.Equal("1.29.0", info.Version);
        Assert.Contains("CPUExecutionProvider", info.ExecutionProviders);
        Assert.Equal("com.github.asus4.onnxruntime@0.4.9", info.Package);
    }

    [Fact]
    public void NativeLibrary_ReferencingProject_IsCopiedBesideBinaries()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so")));
    }
}
