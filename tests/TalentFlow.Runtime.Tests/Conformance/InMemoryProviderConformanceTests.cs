using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Reminders;
using TalentFlow.Runtime.Storage;
using TalentFlow.TestKit.Conformance;

namespace TalentFlow.Runtime.Tests.Conformance;

/// <summary>The in-memory providers pass the same suites as the PostgreSQL ones: one instance per cluster or service.</summary>
public sealed class InMemoryMembershipTableTests : MembershipTableConformance
{
    protected override Task<IMembershipTable> CreateTableAsync(string clusterId) => Task.FromResult<IMembershipTable>(new InMemoryMembershipTable());
}

public sealed class InMemoryGrainStorageTests : GrainStorageConformance
{
    protected override Task<IGrainStorage> CreateStorageAsync(string serviceId) => Task.FromResult<IGrainStorage>(new InMemoryGrainStorage());
}

public sealed class InMemoryGrainRecordStorageTests : GrainRecordStorageConformance
{
    // One instance per service, like the grain storage it is part of.
    private readonly Dictionary<string, InMemoryGrainStorage> _services = [];

    protected override Task<IGrainRecordStorage> CreateStorageAsync(string serviceId)
    {
        if (!_services.TryGetValue(serviceId, out var storage)) _services[serviceId] = storage = new InMemoryGrainStorage();
        return Task.FromResult<IGrainRecordStorage>(storage);
    }
}

public sealed class InMemoryReminderTableTests : ReminderTableConformance
{
    protected override Task<IReminderTable> CreateTableAsync(string serviceId) => Task.FromResult<IReminderTable>(new InMemoryReminderTable());
}

public sealed class InMemoryProvidersExtensionsTests
{
    [Fact]
    public void AddInMemoryProviders_Registered_ResolveSingletonsWithTableAsGatewayList()
    {
        using var services = new ServiceCollection()
            .AddInMemoryMembership()
            .AddInMemoryGrainStorage()
            .AddInMemoryGrainStorage("Archive")
            .AddInMemoryReminders()
            .BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IMembershipTable>(), services.GetRequiredService<IGatewayListProvider>());
        Assert.Same(services.GetRequiredService<IReminderTable>(), services.GetRequiredService<IReminderTable>());
        Assert.Same(services.GetRequiredKeyedService<IGrainStorage>("Default"), services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.NotSame(services.GetRequiredKeyedService<IGrainStorage>("Default"), services.GetRequiredKeyedService<IGrainStorage>("Archive"));
    }

    [Fact]
    public async Task AddInMemoryMembership_SharedInstance_EverySiloSeesTheSameTable()
    {
        var shared = new InMemoryMembershipTable();
        using var silo1 = new ServiceCollection().AddInMemoryMembership(shared).BuildServiceProvider();
        using var silo2 = new ServiceCollection().AddInMemoryMembership(shared).BuildServiceProvider();
        var table1 = silo1.GetRequiredService<IMembershipTable>();
        var table2 = silo2.GetRequiredService<IMembershipTable>();
        await table1.InitializeAsync(default);
        var entry = new MembershipEntry
        {
            Silo = new SiloAddress("127.0.0.1:1", 1),
            SiloName = "one",
            Status = SiloStatus.Active,
            StartTime = DateTimeOffset.UnixEpoch,
            IAmAliveTime = DateTimeOffset.UnixEpoch,
        };

        Assert.True(await table1.InsertRowAsync(entry, (await table1.ReadAllAsync(default)).Version.Next(), default));

        Assert.Single((await table2.ReadAllAsync(default)).Rows);
        Assert.Equal(["127.0.0.1:1"], await silo2.GetRequiredService<IGatewayListProvider>().GetGatewaysAsync(default));
    }

    [Fact]
    public void AddInMemoryMembership_AfterAnotherTable_KeepsTheFirst()
    {
        var first = new InMemoryMembershipTable();
        using var services = new ServiceCollection().AddInMemoryMembership(first).AddInMemoryMembership().BuildServiceProvider();

        Assert.Same(first, services.GetRequiredService<IMembershipTable>());
    }
}
