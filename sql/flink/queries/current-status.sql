-- mode: batch
-- "Where is each rollout now?" Per dataset, its latest decision: the phase it left the rollout
-- in, the stage (from 1, as the CLI counts) and exposure, and why. Needs tables-jdbc.sql.
SELECT dataset, candidate_version, baseline_version, to_phase AS phase,
       CASE WHEN stage_index < 0 THEN NULL ELSE stage_index + 1 END AS stage, exposure_bp, kind AS last_decision, reason, decided_at
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY dataset ORDER BY `sequence` DESC) AS rn
  FROM rollout_event)
WHERE rn = 1
ORDER BY dataset;
