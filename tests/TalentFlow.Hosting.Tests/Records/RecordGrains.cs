using TalentFlow.Hosting.Records;

namespace TalentFlow.Hosting.Tests.Records;

[GenerateSerializer]
public sealed record ScreeningRecord(string Candidate, double Score);

public interface IScreeningGrain : IGrainWithStringKey
{
    Task AddAsync(string candidate, double score);

    Task RemoveAsync(string candidate);

    /// <summary>What the activation saw in <c>OnActivateAsync</c>: the records are loaded before it.</summary>
    Task<int> SeenAtActivationAsync();

    Task<ScreeningRecord[]> ListAsync();

    Task DeactivateAsync();
}

public sealed class ScreeningGrain([PersistentRecords("results")] IPersistentRecords<ScreeningRecord> results) : Grain, IScreeningGrain
{
    private int _seenAtActivation = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _seenAtActivation = results.Records.Count;
        return Task.CompletedTask;
    }

    public Task AddAsync(string candidate, double score) => results.WriteAsync(candidate, new ScreeningRecord(candidate, score));

    public Task RemoveAsync(string candidate) => results.RemoveAsync(candidate);

    public Task<int> SeenAtActivationAsync() => Task.FromResult(_seenAtActivation);

    public Task<ScreeningRecord[]> ListAsync() => Task.FromResult(results.Records.Values.OrderBy(r => r.Candidate, StringComparer.Ordinal).ToArray());

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>A misuse the mapper must refuse with a message naming the parameter.</summary>
public sealed class WrongRecordsGrain([PersistentRecords("results")] IList<ScreeningRecord> results) : Grain, IWrongRecordsGrain
{
    public Task<int> CountAsync() => Task.FromResult(results.Count);
}

public interface IWrongRecordsGrain : IGrainWithStringKey
{
    Task<int> CountAsync();
}
