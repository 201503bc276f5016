-- mode: batch
-- "Drift by field over the last hour": per dataset, candidate and field, the gate results of the
-- evaluation windows that ended in the hour before the newest one in the topic (the newest
-- window, not the wall clock, so the answer does not change while nothing new arrives; for a
-- wall-clock hour compare window_end with CURRENT_TIMESTAMP - INTERVAL '1' HOUR instead).
-- Dataset-wide gates (field NULL) are left out. Needs tables-kafka.sql.
SELECT
  d.dataset,
  d.candidate_version,
  r.field,
  r.gate,
  r.`method`,
  COUNT(*) AS windows,
  SUM(CASE WHEN r.verdict = 'BREACH' THEN 1 ELSE 0 END) AS breaches,
  MAX(r.statistic) AS max_statistic,
  MAX(r.threshold) AS threshold,
  MIN(r.p_value) AS min_p_value,
  MAX(d.window_end) AS last_window_end
FROM drift_results AS d
CROSS JOIN UNNEST(d.results) AS r (
  gate, field, verdict, critical, `method`, statistic, threshold, margin, p_value,
  fixed_sample_p_value, sketch_error, alpha, candidate_count, baseline_count,
  window_start, window_end, candidate_mean, baseline_mean)
WHERE r.field IS NOT NULL
  AND d.window_end > (SELECT MAX(window_end) FROM drift_results) - INTERVAL '1' HOUR
GROUP BY d.dataset, d.candidate_version, r.field, r.gate, r.`method`
ORDER BY d.dataset, d.candidate_version, r.field, r.gate;
