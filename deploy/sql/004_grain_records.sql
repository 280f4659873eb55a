-- TalentFlow keyed grain records: the growing parts of a grain's state (a job's screening results and their verdicts), one
-- row per (service, grain, set name, record key), each with its own version (the integer ETag), so a write costs one record.
-- A job's screening results: grain_type 'job', grain_key the job id, set_name 'results', record_key the candidate id (the
-- result id is '{job}|{candidate}'). data is bytea like talentflow_grain_state's; a removed record keeps its row (data NULL)
-- so its version never goes back. To look: SELECT record_key, convert_from(data, 'UTF8')::jsonb FROM talentflow_grain_records ...

CREATE TABLE IF NOT EXISTS talentflow_grain_records
(
    service_id   text        NOT NULL,
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    set_name     text        NOT NULL,
    record_key   text        NOT NULL,
    data         bytea       NULL,
    version      bigint      NOT NULL CHECK (version > 0),
    modified_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, set_name, record_key)
);
