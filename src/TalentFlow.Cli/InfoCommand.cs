using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Cli;

/// <summary>
/// <c>info [--json] [--execution-provider auto|cpu|cuda]</c>: what this installation runs on — the ONNX Runtime version and
/// package, the execution providers it has and the one a session gets, and the served encoder (name, checked SHA-256).
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
            List<KeyValuePair<string, object>> fields =
            [
                new("onnxruntime", ort.Version), new("package", ort.Package), new("providers", ort.ExecutionProviders.ToArray()),
                new("execution_provider", OnnxRuntimeInfo.ResolveExecutionProvider(requested)),
                new("encoder", MiniLmModel.Name),
            ];
            try
            {
                // The hash is checked, not just quoted: a damaged model shows here instead of at a silo's start-up.
                MiniLmModel.Verify(MiniLmModel.DefaultDirectory);
                fields.Add(new("encoder_sha256", MiniLmModel.ModelSha256));
                fields.Add(new("encoder_dimensions", MiniLmModel.Dimensions));
            }
            catch (OnnxModelException ex)
            {
                fields.Add(new("encoder_error", $"{ex.Kind}: {ex.Message}"));
            }

            JsonOutput.Write(context.Stdout, fields, parse.GetValue(json));
            return 0;
        });
        return command;
    }
}
