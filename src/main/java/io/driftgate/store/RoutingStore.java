package io.driftgate.store;

import io.driftgate.routing.RoutingEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps {@code cohort_routing} equal to the job's routing state. Each write carries the sequence of
 * the decision that produced it and only replaces a row of the same or an older sequence, so a
 * replay after a restart or a late duplicate never moves a dataset's exposure backwards. The upsert
 * is an UPDATE then an INSERT rather than a dialect's MERGE, so that PostgreSQL and H2 run the same
 * statements.
 */
public final class RoutingStore {

  private static final String UPDATE =
      "UPDATE cohort_routing SET baseline_version = ?, candidate_version = ?, exposure_bp = ?,"
          + " salt = ?, stage = ?, decision_sequence = ?, updated_at = ?"
          + " WHERE dataset = ? AND decision_sequence <= ?";

  private static final String EXISTS = "SELECT 1 FROM cohort_routing WHERE dataset = ?";

  private static final String INSERT =
      "INSERT INTO cohort_routing (baseline_version, candidate_version, exposure_bp, salt, stage,"
          + " decision_sequence, updated_at, dataset) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private final ConnectionSource connections;

  public RoutingStore(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * Writes {@code entry} unless the table holds a newer one for its dataset.
   *
   * @param decisionSequence the sequence of the decision that produced the entry
   * @param at when the entry took effect (the decision's event time)
   * @return whether the row was written; false when a newer entry is already there
   */
  public boolean upsert(RoutingEntry entry, long decisionSequence, Instant at) throws SQLException {
    Objects.requireNonNull(entry, "entry");
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bind(update, entry, decisionSequence, at);
            update.setLong(9, decisionSequence);
            if (update.executeUpdate() > 0) {
              return true;
            }
          }
          try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
            exists.setString(1, entry.dataset());
            try (ResultSet rows = exists.executeQuery()) {
              if (rows.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, entry, decisionSequence, at);
            insert.executeUpdate();
          }
          return true;
        });
  }

  /** Binds parameters 1..8, shared by the UPDATE and the INSERT. */
  private static void bind(
      PreparedStatement statement, RoutingEntry entry, long decisionSequence, Instant at)
      throws SQLException {
    statement.setString(1, entry.baselineVersion());
    statement.setString(2, entry.candidateVersion());
    statement.setInt(3, entry.exposureBasisPoints());
    statement.setString(4, entry.salt());
    statement.setInt(5, entry.stage());
    statement.setLong(6, decisionSequence);
    Columns.setInstant(statement, 7, Objects.requireNonNull(at, "at"));
    statement.setString(8, entry.dataset());
  }
}
