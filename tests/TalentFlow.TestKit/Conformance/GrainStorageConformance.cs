using System.Text;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Storage;
using Xunit;

namespace TalentFlow.TestKit.Conformance;

/// <summary>
/// What every <see cref="IGrainStorage"/> must do: versions fence writes, exactly one of two racing writers wins, a clear keeps
/// the version moving, service ids isolate. A provider's test class derives from it and says how to make a storage.
/// </summary>
public abstract class GrainStorageConformance
{
    /// <summary>Makes a storage for <paramref name="serviceId"/> (schema ready).</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync(string serviceId);

    private Task<IGrainStorage> CreateSutAsync() => CreateStorageAsync("s-" + Guid.NewGuid().ToString("N")[..12]);

    private static GrainId NewGrain() => new("counter", Guid.NewGuid().ToString("N"));

    private static byte[] Json(string value) => Encoding.UTF8.GetBytes($$"""{"value":"{{value}}"}""");

    private static string? Text(StoredGrainState state) => state.Data is { } data ? Encoding.UTF8.GetString(data.Span) : null;

    [Fact]
    public async Task ReadAsync_MissingState_ReturnsNullAtVersionZero()
    {
        var storage = await CreateSutAsync();

        var state = await storage.ReadAsync(NewGrain(), "state", default);

        Assert.Null(state.Data);
        Assert.Equal(0, state.Version);
    }

    [Fact]
    public async Task WriteAsync_FromVersionZero_ReadsBackTheBytesAtVersionOne()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        long version = await storage.WriteAsync(grain, "state", Json("a"), 0, default);

        Assert.Equal(1, version);
        var state = await storage.ReadAsync(grain, "state", default);
        Assert.Equal(Json("a"), state.Data!.Value.ToArray());
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task WriteAsync_WithCurrentVersion_IncrementsVersion()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "state", Json("a"), 0, default);

        long v2 = await storage.WriteAsync(grain, "state", Json("b"), v1, default);

        Assert.Equal(v1 + 1, v2);
        var state = await storage.ReadAsync(grain, "state", default);
        Assert.Equal("""{"value":"b"}""", Text(state));
        Assert.Equal(v2, state.Version);
    }

    [Fact]
    public async Task WriteAsync_StaleVersion_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "state", Json("a"), 0, default);
        await storage.WriteAsync(grain, "state", Json("b"), v1, default);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync(grain, "state", Json("stale"), v1, default));

        Assert.Equal(v1, error.ExpectedVersion);
        var state = await storage.ReadAsync(grain, "state", default);
        Assert.Equal("""{"value":"b"}""", Text(state));
        Assert.Equal(v1 + 1, state.Version);
    }

    [Fact]
    public async Task WriteAsync_VersionZeroOnExistingRow_ThrowsInconsistentState()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        await storage.WriteAsync(grain, "state", Json("a"), 0, default);

        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync(grain, "state", Json("b"), 0, default));

        Assert.Equal("""{"value":"a"}""", Text(await storage.ReadAsync(grain, "state", default)));
    }

    [Fact]
    public async Task WriteAsync_VersionAheadOfStored_ThrowsInconsistentState()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync(grain, "state", Json("a"), 5, default));

        Assert.Equal(0, (await storage.ReadAsync(grain, "state", default)).Version);
    }

    [Fact]
    public async Task WriteAsync_TwoWritersWithSameVersionInParallel_ExactlyOneWins()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long version = 0;
        for (int round = 0; round < 20; round++)
        {
            long expected = version;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = new[] { "first", "second" }.Select(name => Task.Run(async () =>
            {
                await gate.Task;
                try
                {
                    return (Name: name, Version: (long?)await storage.WriteAsync(grain, "state", Json(name), expected, default));
                }
                catch (InconsistentStateException)
                {
                    return (Name: name, Version: (long?)null);
                }
            })).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(writers);

            var winner = Assert.Single(results, r => r.Version is not null);
            Assert.Equal(expected + 1, winner.Version);
            var state = await storage.ReadAsync(grain, "state", default);
            Assert.Equal(Text(new StoredGrainState(Json(winner.Name), 0)), Text(state));
            Assert.Equal(expected + 1, state.Version);
            version = state.Version;
        }
    }

    [Fact]
    public async Task ClearAsync_WithCurrentVersion_KeepsRowWithNullDataAndHigherVersion()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "state", Json("a"), 0, default);

        long v2 = await storage.ClearAsync(grain, "state", v1, default);

        Assert.Equal(v1 + 1, v2);
        var cleared = await storage.ReadAsync(grain, "state", default);
        Assert.Null(cleared.Data);
        Assert.Equal(v2, cleared.Version);
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync(grain, "state", Json("zombie"), 0, default));
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync(grain, "state", Json("stale"), v1, default));
        Assert.Equal(v2 + 1, await storage.WriteAsync(grain, "state", Json("b"), v2, default));
    }

    [Fact]
    public async Task ClearAsync_StaleVersion_ThrowsInconsistentState()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        long v1 = await storage.WriteAsync(grain, "state", Json("a"), 0, default);
        await storage.WriteAsync(grain, "state", Json("b"), v1, default);

        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.ClearAsync(grain, "state", v1, default));

        Assert.Equal("""{"value":"b"}""", Text(await storage.ReadAsync(grain, "state", default)));
    }

    [Fact]
    public async Task ClearAsync_MissingStateAtVersionZero_LeavesATombstoneAtVersionOne()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        Assert.Equal(1, await storage.ClearAsync(grain, "state", 0, default));

        var state = await storage.ReadAsync(grain, "state", default);
        Assert.Null(state.Data);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task WriteAsync_EmptyBytes_ReadBackEmptyNotNull()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        await storage.WriteAsync(grain, "state", ReadOnlyMemory<byte>.Empty, 0, default);

        var state = await storage.ReadAsync(grain, "state", default);
        Assert.NotNull(state.Data);
        Assert.Equal(0, state.Data!.Value.Length);
    }

    [Fact]
    public async Task WriteAsync_CallerReusesItsBuffer_StoredBytesDoNotChange()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        byte[] buffer = Json("a");

        await storage.WriteAsync(grain, "state", buffer, 0, default);
        Array.Fill(buffer, (byte)'x');

        Assert.Equal("""{"value":"a"}""", Text(await storage.ReadAsync(grain, "state", default)));
    }

    [Fact]
    public async Task WriteAsync_DifferentStateNamesAndGrains_AreIndependent()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();
        var other = grain with { Type = "other" };

        await storage.WriteAsync(grain, "one", Json("1"), 0, default);
        await storage.WriteAsync(grain, "two", Json("2"), 0, default);
        await storage.WriteAsync(other, "one", Json("3"), 0, default);

        Assert.Equal("""{"value":"1"}""", Text(await storage.ReadAsync(grain, "one", default)));
        Assert.Equal("""{"value":"2"}""", Text(await storage.ReadAsync(grain, "two", default)));
        Assert.Equal("""{"value":"3"}""", Text(await storage.ReadAsync(other, "one", default)));
    }

    [Fact]
    public async Task WriteAsync_SameGrainInTwoServices_IsIsolatedByServiceId()
    {
        var a = await CreateStorageAsync("svc-a-" + Guid.NewGuid().ToString("N")[..8]);
        var b = await CreateStorageAsync("svc-b-" + Guid.NewGuid().ToString("N")[..8]);
        var grain = NewGrain();

        await a.WriteAsync(grain, "state", Json("a"), 0, default);

        Assert.Equal(0, (await b.ReadAsync(grain, "state", default)).Version);
        Assert.Equal(1, await b.WriteAsync(grain, "state", Json("b"), 0, default));
        Assert.Equal("""{"value":"a"}""", Text(await a.ReadAsync(grain, "state", default)));
    }

    [Fact]
    public async Task WriteAsync_FourWritersRetryingOnConflict_LoseNoIncrement()
    {
        var storage = await CreateSutAsync();
        var grain = NewGrain();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                while (true)
                {
                    var state = await storage.ReadAsync(grain, "counter", default);
                    int value = state.Data is { } data ? int.Parse(Encoding.UTF8.GetString(data.Span), System.Globalization.CultureInfo.InvariantCulture) : 0;
                    try
                    {
                        await storage.WriteAsync(grain, "counter", Encoding.UTF8.GetBytes((value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), state.Version, default);
                        break;
                    }
                    catch (InconsistentStateException)
                    {
                        // Someone else wrote first: read again.
                    }
                }
            }
        })));

        var final = await storage.ReadAsync(grain, "counter", default);
        Assert.Equal("40", Encoding.UTF8.GetString(final.Data!.Value.Span));
        Assert.Equal(40, final.Version);
    }
}
