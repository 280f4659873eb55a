using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace TalentFlow.Cli.Hosting;

/// <summary>
/// Runs the long steps of a command: with a Spectre.Console progress bar on stderr when stderr is a terminal, silently
/// otherwise; each step's duration is logged at Information either way.
/// </summary>
internal sealed class CliProgress
{
    private readonly IAnsiConsole? _console;
    private readonly ILogger _logger;

    public CliProgress(CliEnvironment environment, ILogger logger)
    {
        _logger = logger;
        if (environment.StderrIsTerminal)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(environment.Stderr),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
            });
        }
    }

    /// <summary>Runs <paramref name="step"/>; it may report its completed fraction (0–1) to the progress it is given.</summary>
    public T Run<T>(string description, Func<IProgress<double>, T> step)
    {
        var watch = Stopwatch.StartNew();
        T result;
        if (_console is null)
        {
            result = step(NoProgress.Instance);
        }
        else
        {
            result = CreateDisplay(_console).Start(context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                    task.IsIndeterminate = true;
                    var value = step(new TaskProgress(task));
                    task.IsIndeterminate = false;
                    task.Value = 1;
                    return value;
                });
        }

        CliLog.StepDone(_logger, description, watch.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>Runs an asynchronous <paramref name="step"/>, as <see cref="Run{T}"/>.</summary>
    public async Task<T> RunAsync<T>(string description, Func<IProgress<double>, Task<T>> step)
    {
        var watch = Stopwatch.StartNew();
        T result;
        if (_console is null)
        {
            result = await step(NoProgress.Instance).ConfigureAwait(false);
        }
        else
        {
            result = await CreateDisplay(_console).StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                task.IsIndeterminate = true;
                var value = await step(new TaskProgress(task)).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = 1;
                return value;
            }).ConfigureAwait(false);
        }

        CliLog.StepDone(_logger, description, watch.Elapsed.TotalMilliseconds);
        return result;
    }

    private static Progress CreateDisplay(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn());

    /// <summary>Sets the bar synchronously (System.Progress would post to the thread pool and could lag the step).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value)
        {
            task.IsIndeterminate = false;
            task.Value = Math.Clamp(value, 0, 1);
        }
    }

    private sealed class NoProgress : IProgress<double>
    {
        public static readonly NoProgress Instance = new();

        public void Report(double value)
        {
        }
    }
}
