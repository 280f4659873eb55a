-- TalentFlow reminders (Orleans: OrleansRemindersTable). grain_id is "type/key".

CREATE TABLE IF NOT EXISTS talentflow_reminders
(
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_at       timestamptz NOT NULL,
    period         interval    NOT NULL,
    etag           integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
