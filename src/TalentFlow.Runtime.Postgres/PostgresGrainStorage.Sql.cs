namespace TalentFlow.Runtime.Postgres;

internal sealed partial class PostgresGrainStorage
{
    /// <summary>The grain storage's statements (schema: <c>deploy/sql/002_grain_state.sql</c>).</summary>
    private static class Sql
    {
        private const string Key = "service_id = @service AND grain_type = @type AND grain_key = @key AND state_name = @state";

        public const string Read = "SELECT data, version FROM talentflow_grain_state WHERE " + Key;

        public const string ReadVersion = "SELECT version FROM talentflow_grain_state WHERE " + Key;

        public const string Insert = """
            INSERT INTO talentflow_grain_state (service_id, grain_type, grain_key, state_name, data, version)
            VALUES (@service, @type, @key, @state, @data, 1)
            ON CONFLICT (service_id, grain_type, grain_key, state_name) DO NOTHING
            RETURNING version
            """;

        public const string Update = """
            UPDATE talentflow_grain_state SET data = @data, version = version + 1, modified_at = now()
            WHERE 
            """ + Key + " AND version = @expected RETURNING version";
    }
}
