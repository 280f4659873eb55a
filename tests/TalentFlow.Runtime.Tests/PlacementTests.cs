using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Placement;
using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Runtime.Tests;

public sealed class PlacementTests
{
    private static MembershipEntry Entry(string endpoint, SiloStatus status = SiloStatus.Active, params string[] roles) => new()
    {
        Silo = new SiloAddress(endpoint, 1),
        SiloName = endpoint,
        Status = status,
        Roles = roles,
        StartTime = DateTimeOffset.UnixEpoch,
        IAmAliveTime = DateTimeOffset.UnixEpoch,
    };

    private static ulong Hash(int i) => new GrainId("t", "k" + i).StableHash();

    [Fact]
    public void PickOwner_ManyGrains_SpreadsEvenlyOverActiveSilos()
    {
        var view = new MembershipView(1, [Entry("a:1"), Entry("b:1"), Entry("c:1"), Entry("d:1", SiloStatus.Dead)]);
        var counts = Enumerable.Range(0, 30_000).GroupBy(i => view.PickOwner(Hash(i), null)!.Endpoint).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["a:1", "b:1", "c:1"], counts.Keys.Order().ToArray());
        Assert.All(counts.Values, c => Assert.InRange(c, 9_000, 11_000));
    }

    [Fact]
    public void PickOwner_SiloLeaves_OnlyItsGrainsMove()
    {
        var before = new MembershipView(1, [Entry("a:1"), Entry("b:1"), Entry("c:1")]);
        var after = new MembershipView(2, [Entry("a:1"), Entry("b:1"), Entry("c:1", SiloStatus.Dead)]);
        for (int i = 0; i < 5_000; i++)
        {
            var owner = before.PickOwner(Hash(i), null)!;
            if (owner.Endpoint != "c:1") Assert.Equal(owner, after.PickOwner(Hash(i), null));
        }
    }

    [Fact]
    public void PickOwner_WithRole_OnlySilosWithThatRole()
    {
        var view = new MembershipView(1, [Entry("a:1"), Entry("b:1", SiloStatus.Active, "trainer"), Entry("c:1", SiloStatus.Joining, "trainer")]);
        for (int i = 0; i < 100; i++) Assert.Equal("b:1", view.PickOwner(Hash(i), "trainer")!.Endpoint);
        Assert.Null(new MembershipView(1, [Entry("a:1")]).PickOwner(Hash(1), "trainer"));
    }

    [Fact]
    public void StableHash_SameIdentity_SameValueAcrossInstances()
    {
        Assert.Equal(new GrainId("candidate", "42").StableHash(), new GrainId("candidate", "42").StableHash());
        Assert.NotEqual(new GrainId("candidate", "42").StableHash(), new GrainId("candidat", "e42").StableHash());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void LatencyHistogram_Quantiles_WithinBucketError(double q)
    {
        var histogram = new LatencyHistogram();
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)Math.Exp(random.NextDouble() * 12)).ToArray();
        foreach (var v in values) histogram.Record(v);
        Array.Sort(values);
        double exact = values[(int)Math.Ceiling(q * values.Length) - 1];
        double estimate = LatencyHistogram.Quantile(histogram.Snapshot(), q);
        Assert.InRange(estimate, exact * 0.85, exact * 1.15 + 1);
    }

    [Fact]
    public void SiloAddress_ParseRoundTrip_AndRejectsGarbage()
    {
        var address = new SiloAddress("127.0.0.1:11111", 1234567);
        Assert.Equal(address, SiloAddress.Parse(address.ToString()));
        Assert.Throws<FormatException>(() => SiloAddress.Parse("no-generation"));
        Assert.Throws<FormatException>(() => SiloAddress.Parse("host:1@x"));
    }
}
