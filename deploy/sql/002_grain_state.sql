-- TalentFlow grain state (Orleans: OrleansStorage). One row per (service, grain, state name); version is the integer ETag.
-- data is bytea: the provider stores the serializer's bytes exactly as written (jsonb would re-format them and refuse
-- non-JSON formats). To look at a state: SELECT convert_from(data, 'UTF8')::jsonb FROM talentflow_grain_state ...
-- A cleared state keeps its row (data NULL) so its version never goes back.

CREATE TABLE IF NOT EXISTS talentflow_grain_state
(
    service_id   text        NOT NULL,
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    state_name   text        NOT NULL,
    data         bytea       NULL,
    version      bigint      NOT NULL CHECK (version > 0),
    modified_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
);
