-- mode: batch
-- "Who is exposed now?" Per dataset, the version everybody reads (the alias), the candidate
-- under rollout and the share of consumers reading it: exposure_bp basis points of the cohort
-- buckets, i.e. exposure_bp / 100 percent, and the stage, counted from 1 as the CLI prints it.
-- Datasets never rolled out have no routing row and show their alias only. Needs tables-jdbc.sql;
-- exposed-consumers.sql lists the consumers.
SELECT
  a.dataset,
  a.version AS alias_version,
  r.baseline_version,
  r.candidate_version,
  COALESCE(r.exposure_bp, 0) AS exposure_bp,
  CAST(COALESCE(r.exposure_bp, 0) AS DOUBLE) / 100 AS exposure_percent,
  CASE WHEN r.stage < 0 THEN NULL ELSE r.stage + 1 END AS stage,
  r.updated_at
FROM dataset_alias AS a
LEFT JOIN cohort_routing AS r ON r.dataset = a.dataset
ORDER BY a.dataset;
