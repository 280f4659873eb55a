using TalentFlow.Hosting.Placement;
using TalentFlow.Hosting.Tests.Serialization.Wire;

namespace TalentFlow.Hosting.Tests.Serialization;

public interface IPostingGrain : IGrainWithStringKey
{
    Task<(Posting Posting, string Silo)> EchoAsync(Posting posting);

    Task RejectAsync(string reason);

    Task FailOutsideAsync();
}

/// <summary>Only on the silo with role "echo", so a relay from the "relay" silo always crosses silos.</summary>
[RequiresRole("echo")]
public sealed class PostingGrain(ILocalSiloDetails silo) : Grain, IPostingGrain
{
    public Task<(Posting Posting, string Silo)> EchoAsync(Posting posting) => Task.FromResult((posting with { Title = posting.Title + "!" }, silo.SiloAddress.ToString()));

    public Task RejectAsync(string reason) => throw new PostingRejectedException(reason);

    public Task FailOutsideAsync() => throw new Acme.Partner.PartnerException("outside");
}

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Echoes through <paramref name="count"/> posting grains; returns how many ran on another silo than this one.</summary>
    Task<(Posting[] Echoes, int Remote)> RelayAsync(Posting posting, int count);
}

[RequiresRole("relay")]
public sealed class RelayGrain(ILocalSiloDetails silo) : Grain, IRelayGrain
{
    public async Task<(Posting[] Echoes, int Remote)> RelayAsync(Posting posting, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => GrainFactory.GetGrain<IPostingGrain>("p" + i).EchoAsync(posting)));
        return (results.Select(r => r.Posting).ToArray(), results.Count(r => r.Silo != silo.SiloAddress.ToString()));
    }
}
