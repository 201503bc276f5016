-- mode: batch
-- "Why was ${dataset} rolled back?" Every rollback of the dataset, newest first, with the gate
-- that decided it: its statistic against its threshold over which window and sample sizes.
-- Needs tables-jdbc.sql. Variables: dataset.
SELECT
  decided_at,
  candidate_version,
  baseline_version,
  CASE WHEN stage_index < 0 THEN NULL ELSE stage_index + 1 END AS stage,
  exposure_bp,
  reason,
  message,
  actor,
  evidence_gate,
  evidence_method,
  evidence_statistic,
  evidence_threshold,
  evidence_p_value,
  evidence_window_start,
  evidence_window_end,
  evidence_candidate_count,
  evidence_baseline_count
FROM rollout_event
WHERE dataset = '${dataset}' AND kind = 'ROLLED_BACK'
ORDER BY decided_at DESC;
