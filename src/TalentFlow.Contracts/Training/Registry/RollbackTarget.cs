
namespace TalentFlow.Contracts.Training.Registry;

/// <summary>
/// Where a rollback goes (<c>POST /api/v1/models/{model}/rollback</c>): give at most one of <see cref="ToVersion"/> and
/// <see cref="Alias"/>. None: the production version before the current one (the original rollback).
/// </summary>
/// <param name="ToVersion">Make this version production again; it must have been production before.</param>
/// <param name="Alias">
/// Move this alias back to an earlier holder (for <c>champion</c>: make that holder production again), chosen by
/// <see cref="Steps"/> or <see cref="At"/>.
/// </param>
/// <param name="Steps">How many holders back (default 1: the holder before the current one).</param>
/// <param name="At">The version that held the alias at this time.</param>
public sealed record RollbackTarget(string? ToVersion = null, string? Alias = null, int? Steps = null, DateTimeOffset? At = null)
{
    /// <summary>Checks the combination; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (ToVersion is not null && Alias is not null) throw new ArgumentException("Give to_version or alias, not both.");
        if (Alias is null && (Steps is not null || At is not null)) throw new ArgumentException("steps and at choose an alias's earlier holder: give alias too.");
        if (Steps is not null && At is not null) throw new ArgumentException("Give steps or at, not both.");
        if (Steps is { } steps && steps < 1) throw new ArgumentException($"steps must be at least 1, not {steps}.");
        if (Alias is not null) ModelAliases.Validate(Alias);
        if (ToVersion is { Length: 0 }) throw new ArgumentException("to_version is empty.");
    }
}
