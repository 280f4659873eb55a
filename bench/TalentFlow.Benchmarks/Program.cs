using System.Text.Json;
using TalentFlow.Benchmarks.Calls;
using TalentFlow.Benchmarks;

// Scenarios print one JSON object on stdout (CONTRACTS.md); anything else goes to stderr.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: TalentFlow.Benchmarks <scenario> [options] --json\n  calls [--seconds N] [--concurrency N]   grain calls, same silo and silo to silo");
    return args.Length == 0 ? 2 : 0;
}
try
{
    object result = args[0] switch
    {
        "calls" => await CallsScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        _ => throw new ArgumentException($"unknown scenario '{args[0]}'"),
    };
    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
