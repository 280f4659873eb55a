using TalentFlow.Hosting.Placement;

namespace TalentFlow.Hosting.Tests.Placement;

public interface IWhereGrain : IGrainWithStringKey
{
    Task<string> WhereAsync();
}

/// <summary>A grain that only trainer silos may host.</summary>
[RequiresRole(SiloRoles.Trainer)]
public sealed class TrainerOnlyGrain(ILocalSiloDetails silo) : Grain, IWhereGrain
{
    public Task<string> WhereAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
