package io.driftgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.gate.GateSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@code gate_snapshot}, what a job started without its state recovers each dataset from.
 * Like {@link RoutingStore}, a write only replaces a row of the same or an older decision sequence,
 * so a replay or a late duplicate never moves a dataset back; and it is an UPDATE then an INSERT,
 * the same statements on PostgreSQL and H2.
 */
public final class GateSnapshotStore {

  private static final String COLUMNS =
      "decision_sequence, reference_version, reference_profile, abandoned, recent_command_ids,"
          + " phase, rollout_id, candidate_version, baseline_version, plan, stage_index,"
          + " stage_started_at, phase_before_pause, exposure_bp, routing_salt,"
          + " rollout_started_at, updated_at";

  private static final String UPDATE =
      "UPDATE gate_snapshot SET decision_sequence = ?, reference_version = ?,"
          + " reference_profile = ?, abandoned = ?, recent_command_ids = ?, phase = ?,"
          + " rollout_id = ?, candidate_version = ?, baseline_version = ?, plan = ?,"
          + " stage_index = ?, stage_started_at = ?, phase_before_pause = ?, exposure_bp = ?,"
          + " routing_salt = ?, rollout_started_at = ?, updated_at = ?"
          + " WHERE dataset = ? AND decision_sequence <= ?";

  private static final String EXISTS = "SELECT 1 FROM gate_snapshot WHERE dataset = ?";

  private static final String INSERT =
      "INSERT INTO gate_snapshot ("
          + COLUMNS
          + ", dataset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM gate_snapshot WHERE dataset = ?";

  /**
   * The highest sequence the dataset's other tables hold: the snapshot is written by its own sink,
   * which a cancel can leave a step behind the audit log's and the routing table's.
   */
  private static final String LATEST_SEQUENCE =
      "SELECT MAX(s) FROM (SELECT MAX(sequence) AS s FROM rollout_event WHERE dataset = ?"
          + " UNION ALL SELECT MAX(decision_sequence) AS s FROM cohort_routing WHERE dataset = ?)"
          + " latest";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ConnectionSource connections;

  public GateSnapshotStore(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * Writes {@code snapshot} unless the table holds a newer one for its dataset.
   *
   * @return whether the row was written; false when a newer snapshot is already there
   */
  public boolean upsert(GateSnapshot snapshot) throws SQLException {
    Objects.requireNonNull(snapshot, "snapshot");
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bind(update, snapshot);
            update.setLong(19, snapshot.decisionSequence());
            if (update.executeUpdate() > 0) {
              return true;
            }
          }
          try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
            exists.setString(1, snapshot.dataset());
            try (ResultSet rows = exists.executeQuery()) {
              if (rows.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, snapshot);
            insert.executeUpdate();
          }
          return true;
        });
  }

  /**
   * What the database knows of {@code dataset} for a job without its state: its snapshot, its
   * decision sequence raised to the highest one the audit log or the routing table holds; only that
   * sequence when there is no snapshot but there are decisions (written before {@code
   * gate_snapshot} existed); empty for a dataset that never had a decision.
   */
  public Optional<GateSnapshot> load(String dataset) throws SQLException {
    Objects.requireNonNull(dataset, "dataset");
    return Transactions.run(
        connections,
        connection -> {
          long latest = latestSequence(connection, dataset);
          try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, dataset);
            try (ResultSet rows = select.executeQuery()) {
              if (rows.next()) {
                return Optional.of(read(rows, dataset, latest));
              }
            }
          }
          return latest > 0
              ? Optional.of(GateSnapshot.sequenceOnly(dataset, latest, null))
              : Optional.empty();
        });
  }

  private static long latestSequence(Connection connection, String dataset) throws SQLException {
    try (PreparedStatement latest = connection.prepareStatement(LATEST_SEQUENCE)) {
      latest.setString(1, dataset);
      latest.setString(2, dataset);
      try (ResultSet rows = latest.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private static GateSnapshot read(ResultSet rows, String dataset, long latest)
      throws SQLException {
    GateSnapshot.Rollout rollout =
        new GateSnapshot.Rollout(
            rows.getString("phase"),
            rows.getString("rollout_id"),
            rows.getString("candidate_version"),
            rows.getString("baseline_version"),
            rows.getString("plan"),
            rows.getInt("stage_index"),
            Columns.getInstant(rows, "stage_started_at"),
            rows.getString("phase_before_pause"),
            rows.getInt("exposure_bp"),
            rows.getString("routing_salt"),
            Columns.getInstant(rows, "rollout_started_at"));
    return new GateSnapshot(
        dataset,
        Math.max(rows.getLong("decision_sequence"), latest),
        rows.getString("reference_version"),
        rows.getBytes("reference_profile"),
        strings(rows.getString("abandoned")),
        strings(rows.getString("recent_command_ids")),
        rollout,
        Columns.getInstant(rows, "updated_at"));
  }

  /** Binds parameters 1..18, shared by the UPDATE and the INSERT. */
  private static void bind(PreparedStatement statement, GateSnapshot snapshot) throws SQLException {
    GateSnapshot.Rollout rollout = snapshot.rollout();
    statement.setLong(1, snapshot.decisionSequence());
    statement.setString(2, snapshot.referenceVersion());
    if (snapshot.referenceProfile() == null) {
      statement.setNull(3, Types.VARBINARY);
    } else {
      statement.setBytes(3, snapshot.referenceProfile());
    }
    statement.setString(4, json(snapshot.abandoned()));
    statement.setString(5, json(snapshot.recentCommandIds()));
    statement.setString(6, rollout.phase());
    statement.setString(7, rollout.rolloutId());
    statement.setString(8, rollout.candidateVersion());
    statement.setString(9, rollout.baselineVersion());
    statement.setString(10, rollout.plan());
    statement.setInt(11, rollout.stageIndex());
    Columns.setInstant(statement, 12, rollout.stageStartedAt());
    statement.setString(13, rollout.phaseBeforePause());
    statement.setInt(14, rollout.exposureBasisPoints());
    statement.setString(15, rollout.routingSalt());
    Columns.setInstant(statement, 16, rollout.startedAt());
    Columns.setInstant(statement, 17, Objects.requireNonNull(snapshot.updatedAt(), "updatedAt"));
    statement.setString(18, snapshot.dataset());
  }

  private static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  private static List<String> strings(String json) throws SQLException {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("gate_snapshot holds a list that is not a JSON array: " + json, e);
    }
  }
}
