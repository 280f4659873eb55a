using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentFlow.Cli.Hosting;

/// <summary>What a command's action uses: the output writer, a logger and progress, set up once the arguments are parsed.</summary>
internal sealed class CliContext(CliEnvironment environment)
{
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    public CliEnvironment Environment => environment;

    /// <summary>Results go here and nowhere else.</summary>
    public TextWriter Stdout => environment.Stdout;

    public ILogger Logger { get; private set; } = NullLogger.Instance;

    public CliProgress Progress { get; private set; } = new(environment with { StderrIsTerminal = false }, NullLogger.Instance);

    /// <summary>Starts logging at <paramref name="level"/>; the returned factory must be disposed to flush the console logger.</summary>
    public ILoggerFactory StartLogging(LogLevel level)
    {
        _loggerFactory = environment.CreateLoggerFactory(level, environment.StderrIsTerminal);
        Logger = _loggerFactory.CreateLogger("talentflow");
        Progress = new CliProgress(environment, Logger);
        return _loggerFactory;
    }
}
