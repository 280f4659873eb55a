using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Cli;

/// <summary><c>info [--json]</c>: what this installation runs on — the ONNX Runtime version and its execution providers.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("info", "Print the ONNX Runtime version and execution providers.") { json };
        command.SetAction(parse =>
        {
            var ort = OnnxRuntimeInfo.Describe();
            JsonOutput.Write(context.Stdout,
                [new("onnxruntime", ort.Version), new("providers", ort.ExecutionProviders.ToArray()), new("package", ort.Package)],
                parse.GetValue(json));
            return 0;
        });
        return command;
    }
}
