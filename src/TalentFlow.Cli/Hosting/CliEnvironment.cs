using Microsoft.Extensions.Logging;

namespace TalentFlow.Cli.Hosting;

/// <summary>
/// Where a run writes: results on <see cref="Stdout"/> (with <c>--json</c>, exactly one JSON object), logs, progress and
/// errors on <see cref="Stderr"/>. Tests supply writers of their own.
/// </summary>
internal sealed record CliEnvironment(TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>The real console; progress bars only when stderr is a terminal, never into a pipe or a file.</summary>
    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error) { StderrIsTerminal = !Console.IsErrorRedirected };

    /// <summary>Whether <see cref="Stderr"/> is an interactive terminal (progress bars are drawn only then). Default false.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>Makes the logger factory for the chosen <c>--log-level</c>. Default: console logging to stderr.</summary>
    public Func<LogLevel, bool, ILoggerFactory> CreateLoggerFactory { get; init; } = ConsoleLogging.Create;
}
