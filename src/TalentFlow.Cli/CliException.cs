namespace TalentFlow.Cli;

/// <summary>An error the user can fix; its message is printed as is, and the CLI exits with <paramref name="exitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = CliApp.Failed) : Exception(message)
{
    /// <summary><see cref="CliApp.Failed"/> for bad input or a failed step, <see cref="CliApp.BadArguments"/> for a call to fix.</summary>
    public int ExitCode { get; } = exitCode;
}
