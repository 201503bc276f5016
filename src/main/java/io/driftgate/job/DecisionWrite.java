package io.driftgate.job;

import io.driftgate.rollout.Decision;
import io.driftgate.sink.JdbcWrite;
import io.driftgate.store.ConnectionSource;
import io.driftgate.store.DecisionStore;
import org.apache.flink.metrics.MetricGroup;

/**
 * How the alias and audit sinks write decisions: through {@link DecisionStore}, handing every
 * outcome to {@link DecisionConflicts}. The outcome is where the database says it disagrees with
 * the job, and a write that dropped it would let the two drift apart unnoticed.
 */
final class DecisionWrite implements JdbcWrite<Decision> {

  private static final long serialVersionUID = 1L;

  @Override
  public Writer<Decision> open(ConnectionSource connections, MetricGroup metrics) {
    DecisionStore store = new DecisionStore(connections);
    DecisionConflicts conflicts = new DecisionConflicts(metrics);
    return decision -> conflicts.report(decision, store.apply(decision));
  }
}
