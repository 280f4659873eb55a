using Npgsql;
using TalentFlow.Hosting.Schema;

namespace TalentFlow.Silo.Hosting;

/// <summary>
/// <c>TalentFlow.Silo --apply-schema</c>: applies the schema scripts to <c>ConnectionStrings__TalentFlow</c> (each once, under an
/// advisory lock) and exits 0, or prints one line and exits 1. Compose runs it before the silos; they would apply it
/// themselves otherwise, safely, but a deploy step makes a failing database visible before any silo starts.
/// </summary>
internal static class SchemaStep
{
    public const string Flag = "--apply-schema";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine([.. args.Where(a => a != Flag)]).Build();
        string? connectionString = configuration.GetConnectionString("TalentFlow");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("--apply-schema needs ConnectionStrings__TalentFlow (the PostgreSQL connection string).").ConfigureAwait(false);
            return 1;
        }
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await TalentFlowSchema.ApplyAsync(dataSource).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(applied.Count == 0 ? "Schema up to date." : "Applied " + string.Join(", ", applied) + ".").ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("Could not apply the schema: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
