using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx.Tests;

public sealed class OnnxRuntimeOptionsTests
{
    [Theory]
    [InlineData("auto", OnnxExecutionProvider.Auto)]
    [InlineData("CPU", OnnxExecutionProvider.Cpu)]
    [InlineData(" Cuda ", OnnxExecutionProvider.Cuda)]
    public void ParseExecutionProvider_KnownName_ReturnsIt(string value, OnnxExecutionProvider expected) =>
        Assert.Equal(expected, OnnxRuntimeOptions.ParseExecutionProvider(value));

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_UnknownProvider_ThrowsNamingTheAllowedValues(string? value)
    {
        var ex = Assert.Throws<ValidationException>(() => new OnnxRuntimeOptions { ExecutionProvider = value! }.Validate());
        Assert.Contains("auto, cpu or cuda", ex.Message, StringComparison.Ordinal);
    }
}
