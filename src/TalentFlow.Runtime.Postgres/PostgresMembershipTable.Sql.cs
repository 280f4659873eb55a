namespace TalentFlow.Runtime.Postgres;

internal sealed partial class PostgresMembershipTable
{
    /// <summary>The membership table's statements (schema: <c>deploy/sql/001_membership.sql</c>).</summary>
    private static class Sql
    {
        public const string InsertVersion = """
            INSERT INTO talentflow_membership_version (cluster_id, version, etag) VALUES (@cluster, 0, 0)
            ON CONFLICT (cluster_id) DO NOTHING
            """;

        private const string SelectColumns = """
            SELECT v.version, v.etag, m.address, m.generation, m.silo_name, m.status, m.roles, m.start_time, m.iamalive_time,
                   m.suspicions::text, m.etag
            FROM talentflow_membership_version v
            """;

        // One statement reads the version row and the silo rows, so both come from one snapshot.
        public const string ReadAll = SelectColumns + """

            LEFT JOIN talentflow_membership m ON m.cluster_id = v.cluster_id
            WHERE v.cluster_id = @cluster
            ORDER BY m.address COLLATE "C", m.generation
            """;

        public const string ReadRow = SelectColumns + """

            LEFT JOIN talentflow_membership m
                   ON m.cluster_id = v.cluster_id AND m.address = @address AND m.generation = @generation
            WHERE v.cluster_id = @cluster
            """;

        public const string WriteVersion = """
            UPDATE talentflow_membership_version
            SET version = @version, etag = etag + 1, updated_at = now()
            WHERE cluster_id = @cluster AND etag = @etag
            """;

        public const string InsertRow = """
            INSERT INTO talentflow_membership
                (cluster_id, address, generation, silo_name, status, roles, start_time, iamalive_time, suspicions, etag)
            VALUES (@cluster, @address, @generation, @silo_name, @status, @roles, @start_time, @iamalive, @suspicions, 0)
            ON CONFLICT (cluster_id, address, generation) DO NOTHING
            """;

        public const string UpdateRow = """
            UPDATE talentflow_membership
            SET silo_name = @silo_name, status = @status, roles = @roles, start_time = @start_time,
                iamalive_time = @iamalive, suspicions = @suspicions, etag = etag + 1
            WHERE cluster_id = @cluster AND address = @address AND generation = @generation AND etag = @row_etag
            """;

        public const string UpdateIAmAlive = """
            UPDATE talentflow_membership SET iamalive_time = @iamalive
            WHERE cluster_id = @cluster AND address = @address AND generation = @generation
            """;

        public const string LockVersion = """
            SELECT version FROM talentflow_membership_version WHERE cluster_id = @cluster FOR UPDATE
            """;

        // Only Dead rows, ever: deleting rows by heartbeat age alone would erase live but slow silos (a bug of Orleans' scripts).
        public const string DeleteDefunct = """
            DELETE FROM talentflow_membership
            WHERE cluster_id = @cluster AND status = @dead AND iamalive_time < @before
            """;

        public const string BumpVersion = """
            UPDATE talentflow_membership_version SET version = version + 1, etag = etag + 1, updated_at = now()
            WHERE cluster_id = @cluster
            """;

        public const string DeleteCluster = """
            DELETE FROM talentflow_membership WHERE cluster_id = @cluster;
            DELETE FROM talentflow_membership_version WHERE cluster_id = @cluster
            """;

        public const string ReadGateways = """
            SELECT DISTINCT address COLLATE "C" FROM talentflow_membership
            WHERE cluster_id = @cluster AND status = @active
            ORDER BY 1
            """;
    }
}
