package io.driftgate.store;

import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;

/**
 * Writes evaluations to {@code drift_result}, one row per gate. A window re-evaluated after a
 * restart writes nothing twice: each row is inserted only if its (dataset, candidate, baseline,
 * window end, gate) key is new, and an evaluation's rows commit together. An outcome gate's row
 * also keeps both cohorts' means, {@code NULL} for the data gates, so that the table explains an
 * outcome gate's verdict as fully as the drift-results topic does.
 */
public final class DriftResultStore {

  private static final String EXISTS =
      "SELECT 1 FROM drift_result WHERE dataset = ? AND candidate_version = ?"
          + " AND baseline_version = ? AND window_end = ? AND gate = ?";

  private static final String INSERT =
      "INSERT INTO drift_result (dataset, candidate_version, baseline_version, window_end, gate,"
          + " field, verdict, critical, method, statistic, threshold, margin, p_value,"
          + " fixed_sample_p_value, sketch_error, alpha, candidate_count, baseline_count,"
          + " window_start, candidate_mean, baseline_mean)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final ConnectionSource connections;

  public DriftResultStore(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * Inserts the evaluation's gate results that are not stored yet.
   *
   * @return the number of rows inserted
   */
  public int insert(Evaluation evaluation) throws SQLException {
    Objects.requireNonNull(evaluation, "evaluation");
    return Transactions.run(
        connections,
        connection -> {
          int inserted = 0;
          for (GateResult result : evaluation.results()) {
            if (!exists(connection, evaluation, result)) {
              insert(connection, evaluation, result);
              inserted++;
            }
          }
          return inserted;
        });
  }

  private static boolean exists(Connection connection, Evaluation evaluation, GateResult result)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(EXISTS)) {
      bindKey(statement, evaluation, result);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void insert(Connection connection, Evaluation evaluation, GateResult result)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      bindKey(insert, evaluation, result);
      insert.setString(6, result.field());
      insert.setString(7, result.verdict().name());
      insert.setBoolean(8, result.critical());
      Evidence evidence = result.evidence();
      if (evidence == null) {
        insert.setNull(9, Types.VARCHAR);
        for (int i = 10; i <= 16; i++) {
          insert.setNull(i, Types.DOUBLE);
        }
        insert.setNull(17, Types.BIGINT);
        insert.setNull(18, Types.BIGINT);
        insert.setNull(20, Types.DOUBLE);
        insert.setNull(21, Types.DOUBLE);
      } else {
        insert.setString(9, evidence.method());
        Columns.setDouble(insert, 10, evidence.statistic());
        Columns.setDouble(insert, 11, evidence.threshold());
        Columns.setDouble(insert, 12, evidence.margin());
        Columns.setDouble(insert, 13, evidence.pValue());
        Columns.setDouble(insert, 14, evidence.fixedSamplePValue());
        Columns.setDouble(insert, 15, evidence.sketchError());
        Columns.setDouble(insert, 16, evidence.alpha());
        insert.setLong(17, evidence.candidateCount());
        insert.setLong(18, evidence.baselineCount());
        // NaN (a data gate's, or a cohort without observations) is stored as NULL.
        Columns.setDouble(insert, 20, evidence.candidateMean());
        Columns.setDouble(insert, 21, evidence.baselineMean());
      }
      Columns.setInstant(insert, 19, evaluation.windowStart());
      insert.executeUpdate();
    }
  }

  /** Parameters 1..5: the unique key. */
  private static void bindKey(PreparedStatement statement, Evaluation evaluation, GateResult result)
      throws SQLException {
    statement.setString(1, evaluation.dataset());
    statement.setString(2, evaluation.candidateVersion());
    statement.setString(3, evaluation.baselineVersion());
    Columns.setInstant(statement, 4, evaluation.windowEnd());
    statement.setString(5, result.gate());
  }
}
