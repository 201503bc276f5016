-- mode: batch
-- "Why is input being dead-lettered?" Dead letters per reason, most frequent first, with when
-- they were seen and one example of what was wrong. Needs tables-kafka.sql.
SELECT
  reason,
  COUNT(*) AS letters,
  MIN(observed_at) AS first_seen,
  MAX(observed_at) AS last_seen,
  MIN(detail) AS example_detail
FROM dead_letters
GROUP BY reason
ORDER BY letters DESC, reason;
