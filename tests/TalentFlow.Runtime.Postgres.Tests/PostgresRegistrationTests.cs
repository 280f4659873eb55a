using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Reminders;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Postgres.Tests;

/// <summary>The <c>AddPostgres*</c> registrations: one shared data source, scoping by cluster and service id, validation.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRegistrationTests(PostgresFixture fixture)
{
    private static ServiceProvider CreateSut(string connectionString, string clusterId = "reg-cluster", string serviceId = "reg-service") =>
        new ServiceCollection()
            .AddLogging()
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })
            .AddPostgresClustering(o => o.ConnectionString = connectionString)
            .AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString)
            .AddPostgresGrainStorage("Archive", o => o.ConnectionString = connectionString)
            .AddPostgresReminders(o => o.ConnectionString = connectionString)
            .BuildServiceProvider();

    [Fact]
    public async Task AddPostgresProviders_SameConnectionString_ShareOneDataSourceAndWork()
    {
        string connectionString = await fixture.Server.CreateDatabaseAsync("registration");
        await using var services = CreateSut(connectionString);

        var membership = services.GetRequiredService<IMembershipTable>();
        var gateways = services.GetRequiredService<IGatewayListProvider>();
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        var archive = services.GetRequiredKeyedService<IGrainStorage>("Archive");
        var reminders = services.GetRequiredService<IReminderTable>();

        Assert.Same(membership, gateways);
        Assert.NotSame(storage, archive);
        var table = Assert.IsType<PostgresMembershipTable>(membership);
        Assert.Equal("reg-cluster", table.ClusterId);
        Assert.Equal("reg-service", Assert.IsType<PostgresGrainStorage>(storage).ServiceId);
        Assert.Equal("reg-service", Assert.IsType<PostgresReminderTable>(reminders).ServiceId);
        Assert.Same(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<Internal.PostgresDataSources>().Get(connectionString));

        await membership.InitializeAsync(default);
        var data = await membership.ReadAllAsync(default);
        var entry = new MembershipEntry
        {
            Silo = new SiloAddress("127.0.0.1:5000", 1),
            SiloName = "one",
            Status = SiloStatus.Active,
            StartTime = DateTimeOffset.UnixEpoch,
            IAmAliveTime = DateTimeOffset.UnixEpoch,
        };
        Assert.True(await membership.InsertRowAsync(entry, data.Version.Next(), default));
        Assert.Equal(["127.0.0.1:5000"], await gateways.GetGatewaysAsync(default));
        Assert.Equal(1, await storage.WriteAsync(new GrainId("t", "k"), "s", "{}"u8.ToArray(), 0, default));
        await reminders.InitializeAsync(default);
        Assert.Empty(await reminders.ReadAllAsync(default));
    }

    [Fact]
    public async Task AddPostgresClustering_MissingConnectionString_FailsAtStartWithoutLeakingSecrets()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPostgresClustering(o => o.ConnectionString = "");
        builder.Services.AddPostgresReminders(o => o.ConnectionString = "Host=db;Password=s3cret;Bogus Keyword=1");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("'Clustering': ConnectionString", error.ToString());
        Assert.Contains("'Reminders': ConnectionString", error.ToString());
        Assert.DoesNotContain("s3cret", error.ToString());
        Assert.DoesNotContain("s3cret", new PostgresOptions { ConnectionString = "Password=s3cret" }.ToString());
    }

    [Fact]
    public void AddPostgresGrainStorage_Twice_KeepsTheFirstRegistration()
    {
        var services = new ServiceCollection()
            .AddPostgresGrainStorage(configure: o => o.ConnectionString = "Host=a")
            .AddPostgresGrainStorage(configure: o => o.ConnectionString = "Host=b");

        Assert.Single(services, d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, "Default"));
    }
}
