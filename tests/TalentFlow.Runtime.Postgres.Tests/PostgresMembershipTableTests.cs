using Microsoft.Extensions.Logging.Abstractions;
using TalentFlow.Runtime.Membership;
using TalentFlow.TestKit.Conformance;

namespace TalentFlow.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresFixture fixture) : MembershipTableConformance
{
    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId) =>
        new PostgresMembershipTable(await fixture.GetDataSourceAsync(GetType()), clusterId, NullLogger.Instance);
}
