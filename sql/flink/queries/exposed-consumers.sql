-- mode: batch
-- "Which consumers read the candidate now?" The cohort keys seen in the records topic, each
-- with the version it reads under the current routing row, by the job's own hash:
-- driftgate_version(cohort_key, salt, baseline, candidate, exposure_bp) over the joined row,
-- and driftgate_version(dataset, cohort_key), which reads the routing table itself (it needs
-- the driftgate.jdbc.* job parameters). Both must agree. Needs tables-kafka.sql,
-- tables-jdbc.sql and functions.sql.
SELECT
  k.dataset,
  k.cohort_key,
  driftgate_version(k.cohort_key, r.salt, r.baseline_version, r.candidate_version,
                    r.exposure_bp) AS version_by_row,
  driftgate_version(k.dataset, k.cohort_key) AS version_now,
  r.candidate_version,
  r.exposure_bp
FROM (SELECT DISTINCT dataset, cohort_key FROM records WHERE cohort_key IS NOT NULL) AS k
JOIN cohort_routing AS r ON r.dataset = k.dataset
ORDER BY k.dataset, k.cohort_key;
