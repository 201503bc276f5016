-- Outcome gates (docs/outcomes.md) compare the means of the consumers exposed to the candidate and
-- of the control cohort. Their evidence carries both means (candidate_mean, baseline_mean in the
-- topics' gate results); drift_result keeps them too, so that the audit table explains an outcome
-- gate's verdict as fully as the drift-results topic does. NULL for the data gates, which compare
-- distributions or rates, not means, and for the rows written before this migration.
ALTER TABLE drift_result ADD COLUMN candidate_mean DOUBLE PRECISION;
ALTER TABLE drift_result ADD COLUMN baseline_mean DOUBLE PRECISION;
