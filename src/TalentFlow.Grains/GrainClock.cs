
namespace TalentFlow.Grains;

/// <summary>
/// The clock the grains read (timestamps of results, verdicts, jobs, registry events): the keyed <see cref="TimeProvider"/>
/// <see cref="Key"/>, the system clock unless a host registers another. It is keyed because Orleans reads the unkeyed
/// <see cref="TimeProvider"/> for its own timers and membership: a test that freezes the grains' clock must not freeze the silo.
/// </summary>
public static class GrainClock
{
    /// <summary>The service key of the grains' <see cref="TimeProvider"/>.</summary>
    public const string Key = "talentflow-grains";
}
