using Microsoft.Extensions.Logging.Abstractions;
using TalentFlow.Runtime.Reminders;
using TalentFlow.TestKit.Conformance;

namespace TalentFlow.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresFixture fixture) : ReminderTableConformance
{
    protected override async Task<IReminderTable> CreateTableAsync(string serviceId) =>
        new PostgresReminderTable(await fixture.GetDataSourceAsync(GetType()), serviceId, NullLogger.Instance);
}
