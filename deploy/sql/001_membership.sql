-- TalentFlow membership table (Orleans: OrleansMembershipTable + OrleansMembershipVersionTable).
-- Applied at start-up by TalentFlow.Runtime.Postgres under an advisory lock; every statement is idempotent.
-- Every row change and its version bump run in one explicit transaction in the provider, which rolls back when either
-- conditional UPDATE/INSERT touches no row. No plpgsql ASSERT: assertions can be switched off (plpgsql.check_asserts),
-- and then nothing would roll back. Clean-up deletes only Dead rows.

CREATE TABLE IF NOT EXISTS talentflow_membership_version
(
    cluster_id  text        NOT NULL PRIMARY KEY,
    version     bigint      NOT NULL DEFAULT 0,
    etag        integer     NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS talentflow_membership
(
    cluster_id     text        NOT NULL REFERENCES talentflow_membership_version (cluster_id) ON DELETE CASCADE,
    address        text        NOT NULL,   -- host:port of the silo's endpoint
    generation     bigint      NOT NULL,
    silo_name      text        NOT NULL,
    status         smallint    NOT NULL CHECK (status BETWEEN 0 AND 4), -- SiloStatus: 1 Joining, 2 Active, 3 ShuttingDown, 4 Dead
    roles          text[]      NOT NULL DEFAULT '{}',
    start_time     timestamptz NOT NULL,
    iamalive_time  timestamptz NOT NULL,
    suspicions     jsonb       NOT NULL DEFAULT '[]', -- [{"suspecter":"host:port@generation","time":"..."}]
    etag           integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (cluster_id, address, generation)
);
