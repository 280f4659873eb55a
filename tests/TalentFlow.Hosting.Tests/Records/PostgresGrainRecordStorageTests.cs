using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TalentFlow.Hosting.Records;
using TalentFlow.Hosting.Schema;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Records;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainRecordStorageTests(PostgresFixture fixture) : GrainRecordStorageConformance
{
    protected override async Task<IGrainRecordStorage> CreateStorageAsync(string serviceId)
    {
        var dataSource = NpgsqlDataSource.Create(await fixture.GetConnectionStringAsync(nameof(PostgresGrainRecordStorageTests)));
        await TalentFlowSchema.ApplyAsync(dataSource);
        return new PostgresGrainRecordStorage(dataSource, serviceId, NullLogger<PostgresGrainRecordStorage>.Instance);
    }
}
