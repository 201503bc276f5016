package io.driftgate.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftgate.rollout.Decision;
import io.driftgate.store.ApplyOutcome;
import io.driftgate.wire.DecisionJson;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of a decision write that mean the database and the job disagree ({@link
 * ApplyOutcome#CONFLICT}, {@link ApplyOutcome#ID_REUSED}): each is counted by outcome in {@value
 * JobMetrics#DECISION_CONFLICTS}, which {@code DriftgateDecisionConflict} alerts on, and logged
 * with the whole decision, so that the log says what the database refused. The counters are
 * registered before the first conflict, so that the alert's series exist, at 0, from the start.
 */
final class DecisionConflicts {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionConflicts.class);

  private final Map<ApplyOutcome, Counter> counters = new EnumMap<>(ApplyOutcome.class);

  /**
   * @param metrics the {@code driftgate} metric group of the writing sink
   */
  DecisionConflicts(MetricGroup metrics) {
    for (ApplyOutcome outcome : EnumSet.of(ApplyOutcome.CONFLICT, ApplyOutcome.ID_REUSED)) {
      counters.put(
          outcome,
          metrics
              .addGroup(JobMetrics.OUTCOME, outcome.name())
              .counter(JobMetrics.DECISION_CONFLICTS));
    }
  }

  void report(Decision decision, ApplyOutcome outcome) {
    Counter counter = counters.get(outcome);
    if (counter == null) {
      return;
    }
    counter.inc();
    LOG.warn(
        "{}: decision {} ({} of {}, sequence {}) {}; see docs/runbook.md,"
            + " \"A decision conflicts with the database\". Decision: {}",
        outcome,
        decision.decisionId(),
        decision.kind(),
        decision.dataset(),
        decision.sequence(),
        outcome == ApplyOutcome.CONFLICT
            ? "found the alias on neither version it expected and left it there"
            : "has an id the audit log holds for another decision, and was kept in"
                + " decision_id_reuse instead of being applied",
        new String(DecisionJson.toBytes(decision), UTF_8));
  }
}
