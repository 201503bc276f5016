package io.driftgate.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftgate.rollout.Decision;
import io.driftgate.wire.DecisionJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes a {@code decision_id_reuse} row for a decision whose id the audit log holds for another
 * decision. The decision cannot have an audit row of its own (the id is the row's key), so this is
 * where it is kept instead of being dropped; it carries the whole decision as the Kafka topic does,
 * since the topic has it too and the two must be reconciled by hand.
 */
final class IdReuseLog {

  private static final String EXISTS =
      "SELECT 1 FROM decision_id_reuse WHERE decision_id = ? AND fingerprint = ?";

  private static final String INSERT =
      "INSERT INTO decision_id_reuse (decision_id, fingerprint, sequence, dataset,"
          + " candidate_version, kind, reason, actor, decided_at, decision, detected_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private IdReuseLog() {}

  /** Inserts the row unless this decision (id and fingerprint) has one. */
  static void recordIfAbsent(
      Connection connection, Decision decision, String fingerprint, Instant detectedAt)
      throws SQLException {
    String id = decision.decisionId().toString();
    try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
      exists.setString(1, id);
      exists.setString(2, fingerprint);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, id);
      insert.setString(2, fingerprint);
      insert.setLong(3, decision.sequence());
      insert.setString(4, decision.dataset());
      insert.setString(5, decision.candidateVersion());
      insert.setString(6, decision.kind().name());
      insert.setString(7, decision.reason().name());
      insert.setString(8, decision.actor());
      Columns.setInstant(insert, 9, decision.at());
      insert.setString(10, new String(DecisionJson.toBytes(decision), UTF_8));
      Columns.setInstant(insert, 11, detectedAt);
      insert.executeUpdate();
    }
  }
}
