namespace TalentFlow.ML.Onnx.Tests;

public sealed class OnnxRuntimeInfoTests
{
    [Fact]
    public void Describe_NuGetRuntime_Reports1_32_0WithCpuProviderAndPackage()
    {
        var info = OnnxRuntimeInfo.Describe();
        Assert.Equal("1.32.0", info.Version);
        Assert.Contains("CPUExecutionProvider", info.ExecutionProviders);
        Assert.Equal("Microsoft.ML.OnnxRuntime", info.Package);
    }

    [Theory]
    [InlineData(OnnxExecutionProvider.Cpu)]
    [InlineData(OnnxExecutionProvider.Auto)]
    [InlineData(OnnxExecutionProvider.Cuda)]
    public void ResolveExecutionProvider_CpuOnlyBuild_ChoosesCpu(OnnxExecutionProvider requested)
    {
        // The tests build against the CPU package, whose native library has no CUDA provider: every request ends on CPU.
        Assert.DoesNotContain("CUDAExecutionProvider", OnnxRuntimeInfo.Describe().ExecutionProviders);
        Assert.Equal("cpu", OnnxRuntimeInfo.ResolveExecutionProvider(requested));
    }
}
