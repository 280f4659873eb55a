namespace TalentFlow.Cli;

/// <summary>An error the user can fix; its message is printed as is.</summary>
internal sealed class CliException(string message) : Exception(message);
