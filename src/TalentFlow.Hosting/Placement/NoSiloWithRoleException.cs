using Orleans.Runtime;

namespace TalentFlow.Hosting.Placement;

/// <summary>
/// No Active silo publishes the role a grain class requires (<see cref="RequiresRoleAttribute"/>), so the grain cannot be
/// activated now. Nothing ran: the caller may retry once a silo with the role has joined.
/// </summary>
[GenerateSerializer]
[Alias("TalentFlow.Hosting.Placement.NoSiloWithRoleException")]
public sealed class NoSiloWithRoleException : OrleansException
{
    /// <summary>Creates the exception for <paramref name="role"/> and the grain that could not be placed.</summary>
    public NoSiloWithRoleException(string role, string grainId, int candidateSilos)
        : base($"No Active silo has the role '{role}' required to activate {grainId} ({candidateSilos} candidate silos without it). " +
               "Start a silo with that role (Silo__Roles__0) and call again.")
    {
        Role = role;
        GrainId = grainId;
    }

    /// <summary>The missing role.</summary>
    [Id(0)]
    public string Role { get; private set; }

    /// <summary>The grain that could not be placed.</summary>
    [Id(1)]
    public string GrainId { get; private set; }
}
