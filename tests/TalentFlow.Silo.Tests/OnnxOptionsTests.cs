using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Silo.Tests;

/// <summary><c>Onnx:ExecutionProvider</c> binds and is validated at start-up.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class OnnxOptionsTests(SiloHostFactory factory)
{
    [Fact]
    public void Start_UnknownExecutionProvider_FailsWithAnOptionsValidationError()
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting("Onnx:ExecutionProvider", "tpu").UseSetting("SampleData:Load", "false"));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(e.GetBaseException());
        Assert.Contains("Onnx:ExecutionProvider must be auto, cpu or cuda", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_CpuExecutionProvider_BindsIt()
    {
        using var cpu = factory.WithWebHostBuilder(b => b.UseSetting("Onnx:ExecutionProvider", "cpu").UseSetting("SampleData:Load", "false"));
        _ = cpu.CreateClient();
        var options = cpu.Services.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value;
        Assert.Equal(OnnxExecutionProvider.Cpu, options.ParsedExecutionProvider);
    }
}
