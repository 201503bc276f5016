-- driftgate's Flink SQL functions; the class is in the driftgate job jar (ADD JAR it first).
--
-- driftgate_version(dataset, cohort_key): the version of `dataset` the consumer `cohort_key`
--   reads now, from cohort_routing / dataset_alias, with the job's own cohort hash. Needs the
--   job parameters driftgate.jdbc.url, driftgate.jdbc.user and driftgate.jdbc.password-file or
--   driftgate.jdbc.password-env (SET them; see sql/README.md). NULL for an unknown dataset.
-- driftgate_version(cohort_key, salt, baseline_version, candidate_version, exposure_bp): the
--   same answer for one routing row given by its columns; no database needed.
CREATE FUNCTION IF NOT EXISTS driftgate_version
  AS 'io.driftgate.sql.DriftgateVersion' LANGUAGE JAVA;
