package io.driftgate.store;

import io.driftgate.rollout.Decision;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Makes the rollout controller's decisions durable: the audit row for every decision, and for
 * promotions and rollbacks the alias move. Each decision is one transaction keyed by its
 * deterministic id, so a job that replays from a checkpoint re-applies nothing and loses nothing.
 * Business outcomes (already applied, conflicting alias) are return values; only database failures
 * throw.
 */
public final class DecisionStore {

  private final ConnectionSource connections;
  private final Clock clock;

  public DecisionStore(ConnectionSource connections) {
    this(connections, Clock.systemUTC());
  }

  /**
   * @param clock stamps {@code recorded_at} and {@code applied_at}, the wall-clock times of
   *     writing; the decision's own event time stays in {@code decided_at}
   */
  public DecisionStore(ConnectionSource connections, Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Records {@code decision} and, for promotions and rollbacks, moves the alias. */
  public ApplyOutcome apply(Decision decision) throws SQLException {
    Objects.requireNonNull(decision, "decision");
    return Transactions.run(
        connections,
        connection -> {
          Instant now = clock.instant();
          boolean recorded = EventLog.insertIfAbsent(connection, decision, now);
          if (!AliasTable.changesAlias(decision.kind())) {
            return recorded ? ApplyOutcome.RECORDED : ApplyOutcome.ALREADY_APPLIED;
          }
          if (AliasTable.hasHistory(connection, decision.decisionId().toString())) {
            return ApplyOutcome.ALREADY_APPLIED;
          }
          return AliasTable.compareAndSet(connection, decision, now);
        });
  }

  /**
   * Points {@code dataset}'s alias at {@code version} unless it already has an alias, e.g. to say
   * where a dataset stands before its first rollout.
   *
   * @return whether the alias was created
   */
  public boolean ensureAlias(String dataset, String version, Instant at) throws SQLException {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(version, "version");
    return Transactions.run(
        connections, connection -> AliasTable.seed(connection, dataset, version, at));
  }
}
