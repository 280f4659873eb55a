using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// The candidate shard's bulk path (<see cref="ICandidateShardGrain.UpsertManyAsync"/>), on shards of keys of their own so the
/// shared cluster's index is not touched.
/// </summary>
[Collection(GrainsClusterCollection.Name)]
public sealed class CandidateShardBulkTests(GrainsClusterFixture fixture)
{
    private const int Dimensions = 16;

    private ICandidateShardGrain Shard() => fixture.Cluster.GrainFactory.GetGrain<ICandidateShardGrain>("bulk-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UpsertManyAsync_TwoHundredEntries_RanksExactlyAsOneUpsertPerCandidate()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 200).Select(i => Entry(random, $"c{i:D3}", "v1", years: i % 10)).ToList();
        var bulk = Shard();
        var single = Shard();

        await bulk.UpsertManyAsync(entries);
        foreach (var entry in entries) await single.UpsertAsync(entry);

        Assert.Equal(200, await bulk.CountAsync());
        for (int q = 0; q < 5; q++)
        {
            var query = Unit(random);
            var filter = new CandidateFilter(MinYearsExperience: 5);
            var expected = await single.TopAsync(query, "v1", 10, filter);
            var actual = await bulk.TopAsync(query, "v1", 10, filter);
            Assert.Equal(expected.Hits.Select(h => (h.CandidateId, h.Score)), actual.Hits.Select(h => (h.CandidateId, h.Score)));
            Assert.True(actual.Complete);
            Assert.Equal(10, actual.Hits.Count);
        }
    }

    [Fact]
    public async Task UpsertManyAsync_OneVectorHoldsNaN_RejectsTheWholeBatchAndChangesNothing()
    {
        var random = new Random(8);
        var shard = Shard();
        var first = Entry(random, "kept", "v1");
        await shard.UpsertAsync(first);
        var bad = Entry(random, "bad", "v1");
        bad.Embedding[3] = float.NaN;
        List<CandidateIndexEntry> batch = [Entry(random, "good", "v1"), first with { Embedding = Unit(random) }, bad];

        await Assert.ThrowsAsync<ArgumentException>(() => shard.UpsertManyAsync(batch));

        Assert.Equal(1, await shard.CountAsync());
        var top = await shard.TopAsync(first.Embedding, "v1", 5);
        var hit = Assert.Single(top.Hits);
        Assert.Equal(("kept", 1.0), (hit.CandidateId, Math.Round(hit.Score, 5)));
    }

    [Fact]
    public async Task UpsertManyAsync_WrongDimensionsForAKnownVersion_IsRejected()
    {
        var random = new Random(9);
        var shard = Shard();
        await shard.UpsertAsync(Entry(random, "a", "v1"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => shard.UpsertManyAsync([Entry(random, "b", "v1") with { Embedding = new float[Dimensions + 1] }]));

        Assert.Contains("dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await shard.CountAsync());
    }

    [Fact]
    public async Task UpsertManyAsync_NewVersionThenChangedResume_KeepsThenDropsTheOldVersionAsUpsertDoes()
    {
        var random = new Random(10);
        var shard = Shard();
        var v1 = Entry(random, "a", "v1");
        await shard.UpsertManyAsync([v1, Entry(random, "b", "v1")]);

        // Same resume, a second encoder version: both versions stay.
        await shard.UpsertManyAsync([v1 with { EncoderVersion = "v2", Embedding = Unit(random) }]);
        Assert.Equal(["b"], await shard.PendingAsync("v2", 10));
        Assert.Empty(await shard.PendingAsync("v1", 10));

        // A changed resume: its v1 embedding no longer describes it.
        await shard.UpsertManyAsync([v1 with { ContentHash = "changed", EncoderVersion = "v2", Embedding = Unit(random) }]);
        Assert.Equal(["a"], await shard.PendingAsync("v1", 10));
        Assert.DoesNotContain((await shard.TopAsync(v1.Embedding, "v1", 5)).Hits, h => h.CandidateId == "a");
    }

    [Fact]
    public async Task UpsertManyAsync_OverTheBatchLimit_IsRejected()
    {
        var random = new Random(11);
        var one = Entry(random, "x", "v1");
        var batch = Enumerable.Range(0, 10_001).Select(i => one with { CandidateId = "x" + i }).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Shard().UpsertManyAsync(batch));
    }

    private static CandidateIndexEntry Entry(Random random, string id, string version, double years = 3) =>
        new(id, "hash-" + id, version, Unit(random), ["python", "sql"], years);

    private static float[] Unit(Random random)
    {
        var vector = new float[Dimensions];
        double norm = 0;
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.Length; i++) vector[i] /= (float)Math.Sqrt(norm);
        return vector;
    }
}
