using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Cli;

/// <summary>
/// <c>info [--json] [--execution-provider auto|cpu|cuda]</c>: what this installation runs on — the ONNX Runtime version and
/// package, the execution providers it has and the one a session gets.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var provider = EncoderOptions.ExecutionProvider();
        var command = new Command("info", "Print the ONNX Runtime version and execution providers.") { json, provider };
        command.SetAction(parse =>
        {
            var requested = EncoderOptions.Parse(parse.GetValue(provider));
            var ort = OnnxRuntimeInfo.Describe();
            JsonOutput.Write(context.Stdout,
            [
                new("onnxruntime", ort.Version), new("package", ort.Package), new("providers", ort.ExecutionProviders.ToArray()),
                new("execution_provider", OnnxRuntimeInfo.ResolveExecutionProvider(requested)),
            ], parse.GetValue(json));
            return 0;
        });
        return command;
    }
}
