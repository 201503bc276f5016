-- The location of the version driftgate_resolve answers (issue 12): RoutingTableResolver's
-- resolveWithLocation in SQL, for consumers in any language. NULL when no location is recorded for
-- that version (version_location, V6); for an unknown dataset it raises no_data_found (P0002) as
-- driftgate_resolve does. Both functions are STABLE, so in one statement they read the same
-- snapshot, and a version and its location are read together with
--
--   SELECT driftgate_resolve(d, k) AS version, driftgate_resolve_location(d, k) AS location;
--
-- ResolveFunctionTest checks it against the Java resolver. PostgreSQL only, as V5; H2's V7 creates
-- nothing. SECURITY INVOKER: the caller needs SELECT on version_location, dataset_alias and
-- cohort_routing, which the reader role has, and EXECUTE, which sql/roles/driftgate-roles.sql
-- grants the reader on every function.
CREATE OR REPLACE FUNCTION driftgate_resolve_location(dataset text, cohort_key text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$
DECLARE
  resolved text := driftgate_resolve(dataset, cohort_key);
  found_location text;
BEGIN
  SELECT l.location INTO found_location
    FROM version_location l
   WHERE l.dataset = driftgate_resolve_location.dataset AND l.version = resolved;
  RETURN found_location;
END
$$;
