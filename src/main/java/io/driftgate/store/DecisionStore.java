package io.driftgate.store;

import io.driftgate.rollout.Decision;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the rollout controller's decisions durable: the audit row for every decision, and for
 * promotions and rollbacks the alias move. Each decision is one transaction keyed by its
 * deterministic id, so a job that replays from a checkpoint re-applies nothing and loses nothing;
 * an id already taken by a decision that decided otherwise is not a replay, and is kept apart
 * rather than skipped. Business outcomes (already applied, conflicting alias, reused id) are return
 * values; only database failures throw.
 */
public final class DecisionStore {

  private final ConnectionSource connections;
  private final Clock clock;

  private static final String STARTER =
      "SELECT actor FROM rollout_event WHERE dataset = ? AND candidate_version = ?"
          + " AND kind = 'STARTED' ORDER BY sequence DESC LIMIT 1";

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
    String fingerprint = DecisionFingerprint.of(decision);
    return Transactions.run(
        connections,
        connection -> {
          Instant now = clock.instant();
          EventLog.Recording recording = EventLog.record(connection, decision, fingerprint, now);
          if (recording == EventLog.Recording.ID_TAKEN) {
            IdReuseLog.recordIfAbsent(connection, decision, fingerprint, now);
            return ApplyOutcome.ID_REUSED;
          }
          if (!AliasTable.changesAlias(decision.kind())) {
            return recording == EventLog.Recording.WRITTEN
                ? ApplyOutcome.RECORDED
                : ApplyOutcome.ALREADY_APPLIED;
          }
          Optional<ApplyOutcome> before =
              AliasTable.recordedOutcome(connection, decision.decisionId().toString());
          return before.isPresent()
              ? before.get()
              : AliasTable.compareAndSet(connection, decision, now);
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

  /** The version {@code dataset}'s alias points at, empty when it has no alias. */
  public Optional<String> aliasVersion(String dataset) throws SQLException {
    Objects.requireNonNull(dataset, "dataset");
    return Transactions.run(connections, connection -> AliasTable.version(connection, dataset));
  }

  /** The actor of the latest {@code STARTED} decision of {@code candidate}, if one is recorded. */
  public Optional<String> starter(String dataset, String candidate) throws SQLException {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(candidate, "candidate");
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(STARTER)) {
            statement.setString(1, dataset);
            statement.setString(2, candidate);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
          }
        });
  }
}
