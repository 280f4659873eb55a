using System.Globalization;
using System.Text;
using Orleans.Storage;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Hosting.Tests.Records;

/// <summary>
/// What every <see cref="IGrainRecordStorage"/> must do (the home-made runtime's suite, on Orleans' grain ids and exception):
/// each record's version fences its writes, exactly one of two racing writers wins, a removal keeps the row and its version,
/// sets and services isolate. A provider's test class derives from it.
/// </summary>
public abstract class GrainRecordStorageConformance
{
    /// <summary>Makes a storage for <paramref name="serviceId"/> (schema ready).</summary>
    protected abstract Task<IGrainRecordStorage> CreateStorageAsync(string serviceId);

    private Task<IGrainRecordStorage> CreateSutAsync() => CreateStorageAsync("s-" + Guid.NewGuid().ToString("N")[..12]);

    private static GrainId NewGrain() => GrainId.Create("job", Guid.NewGuid().ToString("N"));

    private static byte[] Json(string value) => Encoding.UTF8.GetBytes($$"""{"value":"{{value}}"}""");

    private static string? Text(StoredGrainRecord record) => record.Data is { } data ? Encoding.UTF8.GetString(data.Span) : null;

    [Fact]
    public async Task ReadAllAsync_EmptySet_ReturnsNoRows()
    {
        var storage = await CreateSutAsync();

        Assert.Empty(await storage.ReadAllAsync(NewGrain(), "results", default));
    }

    [Fact]
    public async Task WriteAsync_SeveralKeys_EachStartsAtVersionOneAndReadsBackInKeyOrder()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        long b = await storage.WriteAsync(grain, "results", "b", Json("b"), 0, default);
        long a = await storage.WriteAsync(grain, "results", "a", Json("a"), 0, default);
        long a2 = await storage.WriteAsync(grain, "results", "a", Json("a2"), a, default);

        Assert.Equal((1, 1, 2), (b, a, a2));
        var rows = await storage.ReadAllAsync(grain, "results", default);
        Assert.Equal(["a", "b"], rows.Select(r => r.Key));
        Assert.Equal([Encoding.UTF8.GetString(Json("a2")), Encoding.UTF8.GetString(Json("b"))], rows.Select(Text));
        Assert.Equal([2L, 1L], rows.Select(r => r.Version));
    }

    [Fact]
    public async Task WriteAsync_StaleVersion_ThrowsInconsistentStateAndKeepsTheStoredRecord()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "results", "a", Json("first"), 0, default);
        await storage.WriteAsync(grain, "results", "a", Json("second"), v1, default);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(grain, "results", "a", Json("stale"), v1, default).AsTask());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(grain, "results", "a", Json("fresh"), 0, default).AsTask());

        Assert.Equal(("2", "1"), (error.StoredEtag, error.CurrentEtag));
        var row = Assert.Single(await storage.ReadAllAsync(grain, "results", default));
        Assert.Equal(Encoding.UTF8.GetString(Json("second")), Text(row));
    }

    [Fact]
    public async Task WriteAsync_TwoRacingFirstWrites_ExactlyOneWins()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        var writes = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                await storage.WriteAsync(grain, "results", "a", Json(i.ToString(CultureInfo.InvariantCulture)), 0, default);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).ToArray();
        var outcomes = await Task.WhenAll(writes);

        Assert.Single(outcomes, won => won);
        Assert.Equal(1, Assert.Single(await storage.ReadAllAsync(grain, "results", default)).Version);
    }

    [Fact]
    public async Task RemoveAsync_CurrentVersion_KeepsATombstoneWhoseVersionFencesTheNextWrite()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "results", "a", Json("a"), 0, default);

        long removed = await storage.RemoveAsync(grain, "results", "a", v1, default);

        var row = Assert.Single(await storage.ReadAllAsync(grain, "results", default));
        Assert.Equal((2L, (string?)null), (row.Version, Text(row)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(grain, "results", "a", Json("again"), 0, default).AsTask());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.RemoveAsync(grain, "results", "a", v1, default).AsTask());
        Assert.Equal(3, await storage.WriteAsync(grain, "results", "a", Json("again"), removed, default));
    }

    [Fact]
    public async Task ReadAllAsync_OtherGrainSetOrService_SeesNothingOfTheirs()
    {
        var storage = await CreateSutAsync();
        var other = await CreateSutAsync();
        var grain = NewGrain();
        await storage.WriteAsync(grain, "results", "a", Json("a"), 0, default);

        Assert.Empty(await storage.ReadAllAsync(NewGrain(), "results", default));
        Assert.Empty(await storage.ReadAllAsync(grain, "other", default));
        Assert.Empty(await other.ReadAllAsync(grain, "results", default));
        Assert.Single(await storage.ReadAllAsync(grain, "results", default));
    }
}
