using TalentFlow.Hosting.Records;

namespace TalentFlow.Hosting.Tests.Records;

public sealed class MemoryGrainRecordStorageTests : GrainRecordStorageConformance
{
    protected override Task<IGrainRecordStorage> CreateStorageAsync(string serviceId) => Task.FromResult<IGrainRecordStorage>(new MemoryGrainRecordStorage());
}
