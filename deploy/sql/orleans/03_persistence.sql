-- Grain state (Orleans.Persistence.AdoNet), one row per (service, grain type, grain id), the payload as the configured
-- storage serializer wrote it (System.Text.Json here). Version is the state's ETag: a write names the version it read (NULL:
-- none yet) and succeeds only if it is still stored. Every write statement returns one row: the new version, or NULL when
-- another writer got there first (the provider then throws InconsistentStateException).

CREATE TABLE orleans_grain_state
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL,  -- '' when the provider passes NULL
    GrainTypeHash          integer      NOT NULL,
    GrainIdHash            integer      NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version FROM orleans_grain_state
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
$q$),
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version),
inserted AS (
    INSERT INTO orleans_grain_state (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainTypeHash, GrainIdHash, PayloadBinary, Version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(CAST(@GrainIdExtensionString AS varchar), ''), @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString) DO NOTHING
    RETURNING Version)
SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted LIMIT 1) AS NewGrainStateVersion
$q$),
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion
$q$),
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_grain_state
    WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT (SELECT Version + 1 FROM deleted) AS NewGrainStateVersion
$q$);
