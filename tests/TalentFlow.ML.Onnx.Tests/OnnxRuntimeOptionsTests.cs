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

public sealed class OnnxRuntimeQuantizationOptionsTests
{
    [Theory]
    [InlineData("none", OnnxQuantization.None)]
    [InlineData(" INT8 ", OnnxQuantization.Int8)]
    public void ParsedQuantization_KnownValue_Parses(string value, OnnxQuantization expected) =>
        Assert.Equal(expected, new OnnxRuntimeOptions { Quantization = value }.ParsedQuantization);

    [Theory]
    [InlineData("int4")]
    [InlineData("")]
    public void Validate_UnknownQuantization_NamesTheAllowedValues(string value)
    {
        var ex = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new OnnxRuntimeOptions { Quantization = value }.Validate());
        Assert.Contains("none or int8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeCacheSize_Fails() =>
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new OnnxRuntimeOptions { EmbeddingCacheSize = -1 }.Validate());
}
