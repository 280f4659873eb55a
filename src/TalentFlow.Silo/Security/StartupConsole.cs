namespace TalentFlow.Silo.Security;

/// <summary>
/// Where the host prints what an operator must see once and that must not go through logging (the generated admin key):
/// the process's stdout. Tests put a writer of their own in its place.
/// </summary>
internal sealed class StartupConsole(TextWriter output)
{
    public TextWriter Out { get; } = output;
}
