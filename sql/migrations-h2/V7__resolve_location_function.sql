-- H2's counterpart of sql/migrations-postgresql/V7__resolve_location_function.sql, which creates
-- driftgate_resolve_location in PL/pgSQL. As V5: H2 has no PL/pgSQL and its consumers resolve in
-- the JVM (RoutingTableResolver.resolveWithLocation), so this version creates nothing and only keeps
-- the schema versions of both databases in step.
SELECT 1;
