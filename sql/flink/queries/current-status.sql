-- mode: batch
-- "Where is each rollout now?" Per dataset, its latest decision: the phase it left the rollout
-- in, the stage and exposure, and why. Needs tables-jdbc.sql.
SELECT dataset, candidate_version, baseline_version, to_phase AS phase, stage_index,
       exposure_bp, kind AS last_decision, reason, decided_at
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY dataset ORDER BY `sequence` DESC) AS rn
  FROM rollout_event)
WHERE rn = 1
ORDER BY dataset;
