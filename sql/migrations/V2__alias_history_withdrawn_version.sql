-- A rollback's alias_history row names the candidate it withdrew. from_version is the alias
-- before the decision, which for a rollback is normally the baseline (the alias moves only on
-- promotion), so the row read "ROLLED_BACK v2 -> v2" and never named the candidate: now it
-- reads "v3 -> v2" from withdrawn_version to to_version. NULL for promotions.
ALTER TABLE alias_history ADD COLUMN withdrawn_version VARCHAR(255);

-- Rows written before: the withdrawn candidate is the candidate of the same decision in the
-- audit log, which the same transaction wrote.
UPDATE alias_history
SET withdrawn_version = (
    SELECT e.candidate_version FROM rollout_event e WHERE e.decision_id = alias_history.decision_id)
WHERE kind = 'ROLLED_BACK';
