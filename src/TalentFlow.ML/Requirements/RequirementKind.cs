namespace TalentFlow.ML.Requirements;

/// <summary>How much a requirement counts.</summary>
public enum RequirementKind
{
    /// <summary>Expected of every candidate; counts towards the must-have coverage.</summary>
    MustHave,

    /// <summary>A plus; counts towards the nice-to-have coverage.</summary>
    NiceToHave,

    /// <summary>A hard condition: when the resume does not show it at all, the recommendation is REJECT.</summary>
    Knockout,
}

/// <summary>The kinds' names on the wire: <c>must_have</c>, <c>nice_to_have</c>, <c>knockout</c>.</summary>
public static class RequirementKinds
{
    /// <summary><see cref="RequirementKind.MustHave"/>.</summary>
    public const string MustHave = "must_have";

    /// <summary><see cref="RequirementKind.NiceToHave"/>.</summary>
    public const string NiceToHave = "nice_to_have";

    /// <summary><see cref="RequirementKind.Knockout"/>.</summary>
    public const string Knockout = "knockout";

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string Name(RequirementKind kind) => kind switch
    {
        RequirementKind.MustHave => MustHave,
        RequirementKind.NiceToHave => NiceToHave,
        RequirementKind.Knockout => Knockout,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a wire name (any case; <c>-</c> or space for <c>_</c>).</summary>
    public static bool TryParse(string? name, out RequirementKind kind)
    {
        switch (name?.Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant())
        {
            case MustHave: kind = RequirementKind.MustHave; return true;
            case NiceToHave: kind = RequirementKind.NiceToHave; return true;
            case Knockout: kind = RequirementKind.Knockout; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>The weight a requirement of <paramref name="kind"/> gets when none is given: 1, or 0.5 for a nice-to-have.</summary>
    public static double DefaultWeight(RequirementKind kind) => kind == RequirementKind.NiceToHave ? 0.5 : 1.0;
}
