using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace TalentFlow.Cli.Hosting;

/// <summary>Microsoft.Extensions.Logging's console logger, every level routed to stderr so stdout carries only results.</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create(LogLevel minimum, bool colors) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimum)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = colors ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
        }));
}
