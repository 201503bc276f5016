package io.driftgate.store;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.rollout.Decision;
import io.driftgate.wire.GateResultJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Writes a decision's {@code rollout_event} row, once per decision id, with its {@link
 * DecisionFingerprint fingerprint}: a later decision with the same id is a replay only if it
 * decided the same.
 */
final class EventLog {

  /** What the audit log held for a decision's id when the decision came. */
  enum Recording {
    /** Nothing: the row was inserted. */
    WRITTEN,
    /** The row of this decision, or of one whose fingerprint is unknown (written before V3). */
    REPLAYED,
    /** The row of another decision: nothing was written. */
    ID_TAKEN
  }

  private static final String RECORDED_FINGERPRINT =
      "SELECT fingerprint FROM rollout_event WHERE decision_id = ?";

  private static final String INSERT =
      "INSERT INTO rollout_event (decision_id, sequence, dataset, candidate_version,"
          + " baseline_version, kind, from_phase, to_phase, stage_index, exposure_bp,"
          + " routing_changed, reason, message, actor, decided_at, evidence_gate,"
          + " evidence_method, evidence_statistic, evidence_threshold, evidence_p_value,"
          + " evidence_window_start, evidence_window_end, evidence_candidate_count,"
          + " evidence_baseline_count, evidence, recorded_at, fingerprint)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)";

  private EventLog() {}

  /** Inserts the row unless one exists for the decision id, and says which it was. */
  static Recording record(
      Connection connection, Decision decision, String fingerprint, Instant recordedAt)
      throws SQLException {
    String id = decision.decisionId().toString();
    try (PreparedStatement recorded = connection.prepareStatement(RECORDED_FINGERPRINT)) {
      recorded.setString(1, id);
      try (ResultSet rows = recorded.executeQuery()) {
        if (rows.next()) {
          String known = rows.getString(1);
          return known == null || known.equals(fingerprint)
              ? Recording.REPLAYED
              : Recording.ID_TAKEN;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, id);
      insert.setLong(2, decision.sequence());
      insert.setString(3, decision.dataset());
      insert.setString(4, decision.candidateVersion());
      insert.setString(5, decision.baselineVersion());
      insert.setString(6, decision.kind().name());
      insert.setString(7, decision.fromPhase().name());
      insert.setString(8, decision.toPhase().name());
      insert.setInt(9, decision.stageIndex());
      insert.setInt(10, decision.exposureBasisPoints());
      insert.setBoolean(11, decision.routingChanged());
      insert.setString(12, decision.reason().name());
      insert.setString(13, decision.message());
      insert.setString(14, decision.actor());
      Columns.setInstant(insert, 15, decision.at());
      setDecisiveEvidence(insert, DecisiveEvidence.of(decision.evidence()).orElse(null));
      insert.setString(25, GateResultJson.toText(decision.evidence()));
      Columns.setInstant(insert, 26, recordedAt);
      insert.setString(27, fingerprint);
      insert.executeUpdate();
    }
    return Recording.WRITTEN;
  }

  /** Parameters 16..24: the decisive gate and its evidence, all {@code NULL} without one. */
  private static void setDecisiveEvidence(PreparedStatement insert, GateResult decisive)
      throws SQLException {
    Evidence evidence = decisive == null ? null : decisive.evidence();
    insert.setString(16, decisive == null ? null : decisive.gate());
    if (evidence == null) {
      insert.setNull(17, Types.VARCHAR);
      for (int i = 18; i <= 20; i++) {
        insert.setNull(i, Types.DOUBLE);
      }
      insert.setNull(21, Types.TIMESTAMP_WITH_TIMEZONE);
      insert.setNull(22, Types.TIMESTAMP_WITH_TIMEZONE);
      insert.setNull(23, Types.BIGINT);
      insert.setNull(24, Types.BIGINT);
      return;
    }
    insert.setString(17, evidence.method());
    Columns.setDouble(insert, 18, evidence.statistic());
    Columns.setDouble(insert, 19, evidence.threshold());
    Columns.setDouble(insert, 20, evidence.pValue());
    Columns.setInstant(insert, 21, evidence.windowStart());
    Columns.setInstant(insert, 22, evidence.windowEnd());
    insert.setLong(23, evidence.candidateCount());
    insert.setLong(24, evidence.baselineCount());
  }
}
