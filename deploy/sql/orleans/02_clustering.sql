-- Membership (Orleans.Clustering.AdoNet). One version row per cluster (DeploymentId = ClusterOptions.ClusterId): every change
-- to a silo's row moves it in the same statement, fenced by the version the writer read (the table's ETag). I-am-alive
-- updates do not move it. Statuses are Orleans' SiloStatus numbers (3 Active, 6 Dead).

CREATE TABLE orleans_membership_version
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership
(
    DeploymentId varchar(150) NOT NULL REFERENCES orleans_membership_version (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$),
-- The version row is taken first: concurrent writers queue on its lock, and the loser's fence fails before it writes.
('InsertMembershipKey', $q$
WITH version AS (
    UPDATE orleans_membership_version SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
    RETURNING DeploymentId),
inserted AS (
    INSERT INTO orleans_membership (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM version
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$),
('UpdateMembershipKey', $q$
WITH version AS (
    UPDATE orleans_membership_version SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
    RETURNING DeploymentId),
updated AS (
    UPDATE orleans_membership m SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM version v
    WHERE m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT count(*) > 0 FROM updated
$q$),
-- Both reads return the version row even when no silo row matches (the provider takes the table's ETag from the first row).
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation FROM orleans_membership
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE DeploymentId = @DeploymentId;
DELETE FROM orleans_membership_version WHERE DeploymentId = @DeploymentId
$q$),
-- Rows not alive since the cutoff and not Active: silos long gone (Orleans' DefunctSiloExpiration, 7 days by default).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
$q$);
