using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace TalentFlow.Hosting.Schema;

/// <summary>
/// Applies <see cref="TalentFlowSchema"/> at the silo lifecycle's first stage, before membership, storage and reminders read
/// their tables and queries. A failure stops the silo's start with the database's message.
/// </summary>
internal sealed class SchemaInitializer(NpgsqlDataSource dataSource, ILogger<SchemaInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaInitializer), ServiceLifecycleStage.First, ApplyAsync, _ => Task.CompletedTask);

    private Task ApplyAsync(CancellationToken cancellationToken) => TalentFlowSchema.ApplyAsync(dataSource, logger, cancellationToken);
}
