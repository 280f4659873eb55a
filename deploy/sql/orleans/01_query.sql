-- TalentFlow's PostgreSQL schema for Microsoft Orleans' ADO.NET providers (clustering, grain storage, reminders), invariant
-- Npgsql. Written for this project against the providers' query contract as of Orleans 10.4.2: each provider reads its
-- statements by key from OrleansQuery (SELECT QueryKey, QueryText FROM OrleansQuery) and binds parameters and result columns
-- by name. These files are not Orleans' own scripts. Applied once, in order, by TalentFlow.Hosting.Schema.TalentFlowSchema
-- (recorded in talentflow_schema_migrations under an advisory lock), before any silo reads them.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
