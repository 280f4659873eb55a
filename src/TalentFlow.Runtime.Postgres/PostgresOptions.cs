using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Runtime.Postgres;

/// <summary>Where a PostgreSQL provider (membership, grain storage or reminders) keeps its rows.</summary>
public sealed class PostgresOptions
{
    /// <summary>
    /// The Npgsql connection string. Required; no default. It is a secret (it may hold a password): it is never logged, and
    /// <see cref="ToString"/> leaves it out. Providers with the same connection string share one <c>NpgsqlDataSource</c>.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Describes the options without the connection string.</summary>
    public override string ToString() => "PostgresOptions { ConnectionString = *** }";
}
