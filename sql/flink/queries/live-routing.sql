-- mode: streaming
-- "Tell me when exposure changes": the routing topic as a continuously updated table, one row
-- per dataset, updated as the job publishes new entries. A changelog, so streaming mode only.
-- Needs tables-kafka.sql.
SELECT dataset, baseline_version, candidate_version, exposure_bp, stage, decision_sequence
FROM routing;
