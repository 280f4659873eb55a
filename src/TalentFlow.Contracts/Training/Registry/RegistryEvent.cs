
namespace TalentFlow.Contracts.Training.Registry;

/// <summary>
/// One change to a model kind's registry, as its registry grain records it (the audit trail) and as webhooks receive it:
/// what changed, who changed it and why. Events are numbered in the order the registry made them.
/// </summary>
/// <param name="Id">A unique id (webhook receivers deduplicate by it: a delivery can be repeated).</param>
/// <param name="Sequence">Its place in its model kind's registry history, from 1, without gaps.</param>
/// <param name="Model">The model kind.</param>
/// <param name="Kind">What happened: one of <see cref="RegistryEventKinds"/>.</param>
/// <param name="Version">The version it is about (the new holder of an alias or stage; the rejected version of a gate).</param>
/// <param name="PreviousVersion">The version that held the alias or stage before, when one did.</param>
/// <param name="Alias">The alias, for <c>alias_moved</c> and <c>alias_deleted</c>.</param>
/// <param name="Stage">The stage the version entered, for <c>registered</c>, <c>stage_changed</c>, <c>promoted</c> and <c>rolled_back</c>.</param>
/// <param name="Actor">Who: the authenticated principal's name, <c>gate</c> for the promotion gate, <c>trainer</c> for a trained version's registration.</param>
/// <param name="Reason">Why, as the actor gave it (required for manual alias moves and targeted rollbacks).</param>
/// <param name="At">When the registry made the change.</param>
public sealed record RegistryEvent(
    string Id, long Sequence, string Model, string Kind, string? Version, string? PreviousVersion, string? Alias, string? Stage,
    string Actor, string? Reason, DateTimeOffset At);

/// <summary>The kinds of <see cref="RegistryEvent"/>.</summary>
public static class RegistryEventKinds
{
    /// <summary>A version entered the registry (stage None from outside, Staging from the learning loop).</summary>
    public const string Registered = "registered";

    /// <summary>A version changed stage as a consequence of another change (production replaced: Archived).</summary>
    public const string StageChanged = "stage_changed";

    /// <summary>An alias was set on a version or moved to another one.</summary>
    public const string AliasMoved = "alias_moved";

    /// <summary>An alias was removed.</summary>
    public const string AliasDeleted = "alias_deleted";

    /// <summary>A version became production by a promotion (by an admin, or by the gate).</summary>
    public const string Promoted = "promoted";

    /// <summary>A version became production again by a rollback.</summary>
    public const string RolledBack = "rolled_back";

    /// <summary>A trained version did not clear the promotion gate and stays in Staging.</summary>
    public const string GateRejected = "gate_rejected";
}

/// <summary>Who asks for a registry change and why.</summary>
/// <param name="Actor">The authenticated principal (an API key's configured name, a token's subject).</param>
/// <param name="Reason">Why; null only where the registry does not require one.</param>
public sealed record RegistryChange(string Actor, string? Reason)
{
    /// <summary>The actor recorded for a registry change made through the grain interface without naming one.</summary>
    public const string UnnamedActor = "grain-interface";

    /// <summary>The actor recorded for the promotion gate.</summary>
    public const string GateActor = "gate";

    /// <summary>The actor recorded when the learning loop registers a trained version.</summary>
    public const string TrainerActor = "trainer";

    /// <summary>The longest reason the registry keeps: 1,000 characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Checks the change; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    /// <param name="reasonRequired">Whether a non-blank reason must be given.</param>
    public void Validate(bool reasonRequired)
    {
        if (string.IsNullOrWhiteSpace(Actor)) throw new ArgumentException("A registry change needs an actor.");
        if (reasonRequired && string.IsNullOrWhiteSpace(Reason)) throw new ArgumentException("Say why: a reason is required for this registry change.");
        if (Reason is { Length: > MaxReasonLength }) throw new ArgumentException($"The reason is over {MaxReasonLength:N0} characters.");
    }
}
