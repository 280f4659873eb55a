using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace TalentFlow.Cli.Hosting;

/// <summary><c>--log-level trace|debug|information|warning|error|none</c> (default warning), accepted by every command.</summary>
internal static class LogLevelOption
{
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["information"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["none"] = LogLevel.None,
    };

    public static Option<string> Create()
    {
        var option = new Option<string>("--log-level")
        {
            Description = "Log verbosity on stderr: trace, debug, information, warning, error or none.",
            DefaultValueFactory = _ => "warning",
            Recursive = true,
            HelpName = "level",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Levels.ContainsKey(value))
            {
                result.AddError($"--log-level '{value}' is not one of trace, debug, information, warning, error, none");
            }
        });
        return option;
    }

    public static LogLevel ToLogLevel(string value) => Levels.GetValueOrDefault(value, LogLevel.Warning);
}
