-- H2's counterpart of sql/migrations-postgresql/V5__resolve_function.sql, which creates the SQL
-- functions driftgate_bucket and driftgate_resolve in PL/pgSQL. H2 (the demo's embedded database)
-- has no PL/pgSQL and its consumers are in the JVM, where RoutingTableResolver resolves, so on H2
-- this version only keeps the schema versions of both databases in step. It creates nothing.
SELECT 1;
