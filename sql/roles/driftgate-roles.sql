-- driftgate's least-privilege PostgreSQL roles (sql/README.md, "Roles").
--
--   migrator  owns the schema and every table in it; the only role that runs DDL. Migrate with it
--             (`driftgate migrate`), never run the job with it.
--   job       what the job logs in as, with driftgate.jdbc.migrate=false: SELECT and INSERT on
--             driftgate's tables, UPDATE only where a row is changed in place, nothing else.
--   reader    the CLI's status and resolve, Grafana, the consumers' RoutingTableResolver and the
--             Flink SQL tables: SELECT, and EXECUTE on driftgate's SQL functions
--             (driftgate_resolve, driftgate_resolve_location, driftgate_bucket and their
--             helpers), nothing else.
--
-- Run it as a superuser with psql, before the first migration (it creates the roles and the
-- schema) and again after every migration (it grants on the tables it finds; running it twice
-- changes nothing):
--
--   psql -v ON_ERROR_STOP=1 -v schema=driftgate -v migrator=driftgate_migrator \
--        -v job=driftgate_job -v reader=driftgate_reader -f sql/roles/driftgate-roles.sql
--
-- The names are psql variables, quoted by psql (:"name" as an identifier), so any name is safe.
-- Missing roles are created with LOGIN and without a password: set one outside this file (a
-- password never belongs in a script), or authenticate otherwise (pg_hba.conf). Existing roles
-- are left as they are, so the roles may also be group roles granted to login users.
--
-- Only portable-enough SQL for PostgreSQL 15+; H2 (the demo) has no roles to speak of.

-- The names again as settings of this session: psql does not substitute inside the DO blocks'
-- dollar quotes, and the blocks are what makes creating roles idempotent.
SELECT set_config('driftgate.schema', :'schema', false),
       set_config('driftgate.migrator', :'migrator', false),
       set_config('driftgate.job', :'job', false),
       set_config('driftgate.reader', :'reader', false);

-- PostgreSQL has no CREATE ROLE IF NOT EXISTS.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY[current_setting('driftgate.migrator'),
      current_setting('driftgate.job'), current_setting('driftgate.reader')] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    END IF;
  END LOOP;
END
$$;

-- The migrator owns the schema: it may create, alter and drop in it, and nobody else may. Use a
-- schema of driftgate's own (not public), and name it in the URLs' currentSchema.
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"migrator";
ALTER SCHEMA :"schema" OWNER TO :"migrator";
GRANT USAGE ON SCHEMA :"schema" TO :"job", :"reader";

-- Tables that exist now. No sequence privileges: the id columns are identity columns, whose
-- values PostgreSQL draws without checking any.
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA :"schema" TO :"job";
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"reader";

-- Tables later migrations create (as the migrator) get the same grants without this script, so a
-- new migration never stops the job for want of a privilege: at worst it has UPDATE on a new
-- append-only table until the list below names it.
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA :"schema"
  GRANT SELECT, INSERT, UPDATE ON TABLES TO :"job";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA :"schema"
  GRANT SELECT ON TABLES TO :"reader";

-- Functions (sql/migrations-postgresql/V5: driftgate_resolve for consumers in any language): the
-- reader may call them, nobody else needs to. PostgreSQL lets PUBLIC execute every new function;
-- only the schema's USAGE would stop others, so that default is taken back, on the functions that
-- exist and, for the migrator's future functions, by default.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA :"schema" FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA :"schema" TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA :"schema"
  GRANT EXECUTE ON FUNCTIONS TO :"reader";

-- What the job never does, taken back where the tables exist:
-- * UPDATE on the append-only tables. The job updates rows only in dataset_alias (the alias's
--   compare-and-set, and SELECT ... FOR UPDATE, which needs UPDATE), cohort_routing and
--   gate_snapshot (update-then-insert upserts) and notification_outbox (the webhook dispatcher's
--   status changes); alias_history, rollout_event, drift_result,
--   decision_id_reuse and version_location are only ever inserted into and read (a decision's or
--   a location's replay check).
-- * INSERT and UPDATE on the views (dataset_alias_location, cohort_routing_location): they are
--   for reading; GRANT ... ON ALL TABLES and the default privileges count views as tables.
-- * Anything on Flyway's history table: only the migrator records migrations. With
--   driftgate.jdbc.migrate=false the job never reads it, nor does any reader.
DO $$
DECLARE
  schema_name text := current_setting('driftgate.schema');
  job_role text := current_setting('driftgate.job');
  reader_role text := current_setting('driftgate.reader');
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY['alias_history', 'rollout_event', 'drift_result',
      'decision_id_reuse', 'version_location'] LOOP
    IF to_regclass(format('%I.%I', schema_name, table_name)) IS NOT NULL THEN
      EXECUTE format('REVOKE UPDATE ON %I.%I FROM %I', schema_name, table_name, job_role);
    END IF;
  END LOOP;
  FOREACH table_name IN ARRAY ARRAY['dataset_alias_location', 'cohort_routing_location'] LOOP
    IF to_regclass(format('%I.%I', schema_name, table_name)) IS NOT NULL THEN
      EXECUTE format('REVOKE INSERT, UPDATE ON %I.%I FROM %I', schema_name, table_name, job_role);
    END IF;
  END LOOP;
  IF to_regclass(format('%I.%I', schema_name, 'flyway_schema_history')) IS NOT NULL THEN
    EXECUTE format('REVOKE ALL ON %I.flyway_schema_history FROM %I, %I',
        schema_name, job_role, reader_role);
  END IF;
END
$$;
