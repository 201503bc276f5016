package io.driftgate.store;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The compare-and-set on {@code dataset_alias} and its {@code alias_history} row, inside the
 * caller's transaction. The row is locked before it is compared, and the update still names the
 * generation it read, so a concurrent writer can never be overwritten silently. A rollback's row
 * also names the candidate it withdrew ({@code withdrawn_version}): the alias it moves is the
 * baseline's, so its from and to versions alone would not say which candidate failed.
 */
final class AliasTable {

  private static final String HISTORY_OUTCOME =
      "SELECT outcome FROM alias_history WHERE decision_id = ?";

  private static final String LOCK =
      "SELECT version, generation FROM dataset_alias WHERE dataset = ? FOR UPDATE";

  private static final String VERSION = "SELECT version FROM dataset_alias WHERE dataset = ?";

  private static final String INSERT_ALIAS =
      "INSERT INTO dataset_alias (dataset, version, generation, updated_at, reason, decision_id)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private static final String UPDATE_ALIAS =
      "UPDATE dataset_alias SET version = ?, generation = ?, updated_at = ?, reason = ?,"
          + " decision_id = ? WHERE dataset = ? AND generation = ?";

  private static final String INSERT_HISTORY =
      "INSERT INTO alias_history (dataset, from_version, to_version, generation, decision_id,"
          + " kind, reason, message, actor, decided_at, applied_at, outcome, found_version,"
          + " withdrawn_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The {@code reason} of an alias seeded by {@link DecisionStore#ensureAlias}. */
  static final String SEEDED = "SEEDED";

  /** The {@code reason} of an alias set by {@link DatasetRegistry#register}. */
  static final String REGISTERED = "REGISTERED";

  private AliasTable() {}

  static boolean changesAlias(DecisionKind kind) {
    return kind == DecisionKind.PROMOTED || kind == DecisionKind.ROLLED_BACK;
  }

  /**
   * What became of the decision {@code decisionId} when it was applied before: {@link
   * ApplyOutcome#ALREADY_APPLIED} if it moved the alias, {@link ApplyOutcome#CONFLICT} if it was
   * refused — a replay of a refusal is reported as one again, so that a refusal whose first report
   * was lost (a crash or a broken connection after the commit) is still counted. Empty if it has no
   * history row.
   */
  static Optional<ApplyOutcome> recordedOutcome(Connection connection, String decisionId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HISTORY_OUTCOME)) {
      statement.setString(1, decisionId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            ApplyOutcome.CONFLICT.name().equals(rows.getString(1))
                ? ApplyOutcome.CONFLICT
                : ApplyOutcome.ALREADY_APPLIED);
      }
    }
  }

  /**
   * Moves the alias as {@code decision} says if it holds the expected version, else records the
   * conflict. Both promotion and rollback expect the rollout's baseline, the version the alias
   * named when the rollout started (a start naming any other baseline is refused): a promotion sets
   * the candidate, a rollback leaves the baseline in place. A rollback therefore never moves an
   * alias anywhere but back to where it was before its rollout, whatever versions a command named;
   * one that finds the candidate, or no alias at all, is a conflict, not a move.
   */
  static ApplyOutcome compareAndSet(Connection connection, Decision decision, Instant appliedAt)
      throws SQLException {
    boolean promote = decision.kind() == DecisionKind.PROMOTED;
    String target = promote ? decision.candidateVersion() : decision.baselineVersion();
    if (target == null) {
      throw new IllegalArgumentException(
          "decision " + decision.decisionId() + " (" + decision.kind() + ") has no target version");
    }
    String expected = decision.baselineVersion();

    Current current = lock(connection, decision.dataset());
    if (current == null && promote) {
      insertAlias(
          connection,
          decision.dataset(),
          target,
          decision.at(),
          decision.reason().name(),
          decision.decisionId().toString());
      appendHistory(connection, decision, null, target, 1, appliedAt, "APPLIED", null);
      return ApplyOutcome.APPLIED;
    }
    if (current == null || !expected.equals(current.version())) {
      appendHistory(
          connection,
          decision,
          current == null ? null : current.version(),
          target,
          current == null ? 0 : current.generation(),
          appliedAt,
          "CONFLICT",
          current == null ? null : current.version());
      return ApplyOutcome.CONFLICT;
    }
    long generation = current.generation() + 1;
    try (PreparedStatement update = connection.prepareStatement(UPDATE_ALIAS)) {
      update.setString(1, target);
      update.setLong(2, generation);
      Columns.setInstant(update, 3, decision.at());
      update.setString(4, decision.reason().name());
      update.setString(5, decision.decisionId().toString());
      update.setString(6, decision.dataset());
      update.setLong(7, current.generation());
      if (update.executeUpdate() != 1) {
        throw new SQLException(
            "alias of " + decision.dataset() + " changed under its row lock", "40001");
      }
    }
    appendHistory(
        connection, decision, current.version(), target, generation, appliedAt, "APPLIED", null);
    return ApplyOutcome.APPLIED;
  }

  /** Inserts an alias row unless the dataset has one; true if it inserted. */
  static boolean seed(Connection connection, String dataset, String version, Instant at)
      throws SQLException {
    if (lock(connection, dataset) != null) {
      return false;
    }
    insertAlias(connection, dataset, version, at, SEEDED, null);
    return true;
  }

  /** The alias's version, locked until the caller's transaction ends; empty without an alias. */
  static Optional<String> lockedVersion(Connection connection, String dataset) throws SQLException {
    Current current = lock(connection, dataset);
    return current == null ? Optional.empty() : Optional.of(current.version());
  }

  /**
   * Creates the alias of a dataset that has none, at generation 1 as a first promotion does, and
   * its {@code alias_history} row: kind {@code PROMOTED} (the kind every reader knows for an alias
   * set from none), reason {@link #REGISTERED}, {@code from_version} {@code NULL}. The caller has
   * checked, under {@link #lockedVersion}, that there is no alias.
   */
  static void register(
      Connection connection,
      String dataset,
      String version,
      String decisionId,
      String actor,
      String message,
      Instant at)
      throws SQLException {
    insertAlias(connection, dataset, version, at, REGISTERED, decisionId);
    try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
      insert.setString(1, dataset);
      insert.setString(2, null);
      insert.setString(3, version);
      insert.setLong(4, 1);
      insert.setString(5, decisionId);
      insert.setString(6, DecisionKind.PROMOTED.name());
      insert.setString(7, REGISTERED);
      insert.setString(8, message);
      insert.setString(9, actor);
      Columns.setInstant(insert, 10, at);
      Columns.setInstant(insert, 11, at);
      insert.setString(12, "APPLIED");
      insert.setString(13, null);
      insert.setString(14, null);
      insert.executeUpdate();
    }
  }

  /** The alias's version without locking it, for a reader that does not change it. */
  static Optional<String> version(Connection connection, String dataset) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(VERSION)) {
      statement.setString(1, dataset);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private record Current(String version, long generation) {}

  private static Current lock(Connection connection, String dataset) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      statement.setString(1, dataset);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? new Current(rows.getString(1), rows.getLong(2)) : null;
      }
    }
  }

  /** Inserts an alias at generation 1, the generation of every alias created. */
  private static void insertAlias(
      Connection connection,
      String dataset,
      String version,
      Instant at,
      String reason,
      String decisionId)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ALIAS)) {
      insert.setString(1, dataset);
      insert.setString(2, version);
      insert.setLong(3, 1);
      Columns.setInstant(insert, 4, Objects.requireNonNull(at, "at"));
      insert.setString(5, reason);
      insert.setString(6, decisionId);
      insert.executeUpdate();
    }
  }

  private static void appendHistory(
      Connection connection,
      Decision decision,
      String fromVersion,
      String toVersion,
      long generation,
      Instant appliedAt,
      String outcome,
      String foundVersion)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
      insert.setString(1, decision.dataset());
      insert.setString(2, fromVersion);
      insert.setString(3, toVersion);
      insert.setLong(4, generation);
      insert.setString(5, decision.decisionId().toString());
      insert.setString(6, decision.kind().name());
      insert.setString(7, decision.reason().name());
      insert.setString(8, decision.message());
      insert.setString(9, decision.actor());
      Columns.setInstant(insert, 10, decision.at());
      Columns.setInstant(insert, 11, appliedAt);
      insert.setString(12, outcome);
      insert.setString(13, foundVersion);
      insert.setString(
          14, decision.kind() == DecisionKind.ROLLED_BACK ? decision.candidateVersion() : null);
      insert.executeUpdate();
    }
  }
}
