-- mode: batch
-- "What happened to ${dataset}?" Its rollout decisions in order: phase changes, exposure, the
-- reason and who or what decided. Needs tables-jdbc.sql. Variables: dataset.
SELECT
  `sequence`,
  decided_at,
  candidate_version,
  kind,
  from_phase,
  to_phase,
  CASE WHEN stage_index < 0 THEN NULL ELSE stage_index + 1 END AS stage,
  exposure_bp,
  reason,
  actor,
  evidence_gate
FROM rollout_event
WHERE dataset = '${dataset}'
ORDER BY `sequence`;
