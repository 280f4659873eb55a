using System.Text.RegularExpressions;

namespace TalentFlow.Contracts.Training.Registry;

/// <summary>A named pointer to one version of a model kind, beside its stage (MLflow's aliases).</summary>
/// <param name="Model">The model kind.</param>
/// <param name="Alias">The alias (see <see cref="ModelAliases.Pattern"/>).</param>
/// <param name="Version">The version it points to.</param>
/// <param name="SetAt">When it was last set or moved.</param>
/// <param name="SetBy">Who set or moved it.</param>
/// <param name="Reason">Why.</param>
public sealed record ModelAlias(string Model, string Alias, string Version, DateTimeOffset SetAt, string SetBy, string? Reason);

/// <summary>
/// The rules of aliases. A name is lower case: a letter, then up to 63 letters, digits, <c>-</c> or <c>_</c>; a stage's name
/// (<c>none</c>, <c>staging</c>, <c>production</c>, <c>archived</c>) is not an alias. <see cref="Champion"/> always names the
/// production version: it moves with every promotion and rollback, setting it promotes, and it cannot be deleted.
/// </summary>
public static partial class ModelAliases
{
    /// <summary>The alias that follows the production stage.</summary>
    public const string Champion = "champion";

    /// <summary>The conventional alias of the version that is meant to replace the champion (no rule attached).</summary>
    public const string Challenger = "challenger";

    /// <summary>The pattern an alias matches.</summary>
    public const string Pattern = "^[a-z][a-z0-9_-]{0,63}$";

    private static readonly string[] StageNames = ["none", "staging", "production", "archived"];

    /// <summary>Checks <paramref name="alias"/>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static void Validate(string? alias)
    {
        if (string.IsNullOrEmpty(alias) || !AliasRegex().IsMatch(alias))
        {
            throw new ArgumentException($"'{alias}' is not an alias: use a lower-case letter, then up to 63 lower-case letters, digits, '-' or '_' ({Pattern}).");
        }
        if (StageNames.Contains(alias, StringComparer.Ordinal)) throw new ArgumentException($"'{alias}' is a stage's name, not an alias.");
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex AliasRegex();
}
