using Microsoft.Extensions.Logging.Abstractions;
using TalentFlow.Runtime.Storage;
using TalentFlow.TestKit.Conformance;

namespace TalentFlow.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainRecordStorageTests(PostgresFixture fixture) : GrainRecordStorageConformance
{
    protected override async Task<IGrainRecordStorage> CreateStorageAsync(string serviceId)
    {
        var storage = new PostgresGrainStorage(await fixture.GetDataSourceAsync(GetType()), serviceId, NullLogger.Instance);
        await storage.InitializeAsync(default);
        return storage;
    }
}
