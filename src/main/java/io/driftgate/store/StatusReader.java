package io.driftgate.store;

import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.Phase;
import io.driftgate.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI's {@code status} shows, read straight from the tables the job writes, so that the
 * answer is what consumers see and not what the job believes. Read-only. Each call reads on its own
 * connection; {@link #atOneMoment} reads several tables as of one committed moment, since a
 * decision moves its audit row and the alias in one transaction and a reader that looked at them
 * one after another could show the decision without its move.
 */
public final class StatusReader {

  private static final String ALIASES =
      "SELECT dataset, version, generation, updated_at, reason, decision_id"
          + " FROM dataset_alias ORDER BY dataset";

  private static final String ROUTING =
      "SELECT dataset, baseline_version, candidate_version, exposure_bp, salt, stage,"
          + " decision_sequence, updated_at FROM cohort_routing ORDER BY dataset";

  private static final String LOCATED_ALIASES =
      "SELECT dataset, version, location FROM dataset_alias_location";

  private static final String LOCATED_ROUTING =
      "SELECT dataset, baseline_version, baseline_location, candidate_version,"
          + " candidate_location, exposure_bp, salt, stage, decision_sequence, updated_at"
          + " FROM cohort_routing_location";

  private static final String EVENTS =
      "SELECT * FROM rollout_event WHERE dataset = ?"
          + " ORDER BY decided_at DESC, sequence DESC LIMIT ?";

  private static final String LAST_ROLLBACK =
      "SELECT * FROM rollout_event WHERE dataset = ? AND kind = 'ROLLED_BACK'"
          + " ORDER BY decided_at DESC, sequence DESC LIMIT 1";

  private static final String HISTORY =
      "SELECT * FROM alias_history WHERE dataset = ? ORDER BY applied_at, id";

  private final JdbcSettings settings;

  /** The connection of an {@link #atOneMoment} reading; null reads on a connection per call. */
  private final Connection moment;

  public StatusReader(JdbcSettings settings) {
    this(settings, null);
  }

  private StatusReader(JdbcSettings settings, Connection moment) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.moment = moment;
  }

  /** Reads from a {@link StatusReader} whose every query sees the same snapshot. */
  @FunctionalInterface
  public interface Reading<T> {
    T read(StatusReader reader) throws SQLException;
  }

  /**
   * Runs {@code reading} in one read-only transaction that reads a snapshot: every query it makes
   * sees the tables as one commit left them.
   */
  public <T> T atOneMoment(Reading<T> reading) throws SQLException {
    try (Connection connection = settings.connect()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation(
          settings.isPostgres()
              ? Connection.TRANSACTION_REPEATABLE_READ // a snapshot there, phantoms included
              : Connection.TRANSACTION_SERIALIZABLE); // H2's repeatable read lets phantoms in
      try {
        T result = reading.read(new StatusReader(settings, connection));
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  /** Every dataset's alias, by dataset name. */
  public List<AliasRow> aliases() throws SQLException {
    return query(
        ALIASES,
        statement -> {},
        rows ->
            new AliasRow(
                rows.getString("dataset"),
                rows.getString("version"),
                rows.getLong("generation"),
                Columns.getInstant(rows, "updated_at"),
                rows.getString("reason"),
                rows.getString("decision_id")));
  }

  /** Every dataset's routing entry, by dataset name. */
  public List<RoutingRow> routing() throws SQLException {
    return query(ROUTING, statement -> {}, StatusReader::routingRow);
  }

  /** A routing entry with the locations of its versions ({@code cohort_routing_location}). */
  record LocatedRoute(RoutingEntry entry, String baselineLocation, String candidateLocation) {}

  /** Every dataset's alias and its version's location ({@code dataset_alias_location}). */
  Map<String, ResolvedVersion> locatedAliases() throws SQLException {
    Map<String, ResolvedVersion> aliases = new HashMap<>();
    for (Map.Entry<String, ResolvedVersion> alias :
        query(
            LOCATED_ALIASES,
            statement -> {},
            rows ->
                Map.entry(
                    rows.getString("dataset"),
                    new ResolvedVersion(rows.getString("version"), rows.getString("location"))))) {
      aliases.put(alias.getKey(), alias.getValue());
    }
    return aliases;
  }

  /** Every dataset's routing entry and its versions' locations, by dataset. */
  Map<String, LocatedRoute> locatedRouting() throws SQLException {
    Map<String, LocatedRoute> routes = new HashMap<>();
    for (LocatedRoute route :
        query(
            LOCATED_ROUTING,
            statement -> {},
            rows ->
                new LocatedRoute(
                    routingRow(rows).entry(),
                    rows.getString("baseline_location"),
                    rows.getString("candidate_location")))) {
      routes.put(route.entry().dataset(), route);
    }
    return routes;
  }

  /** The dataset's latest {@code limit} decisions, newest first. */
  public List<EventRow> events(String dataset, int limit) throws SQLException {
    if (limit < 0) {
      throw new IllegalArgumentException("events limit is " + limit + ", must be >= 0");
    }
    return query(
        EVENTS,
        statement -> {
          statement.setString(1, dataset);
          statement.setInt(2, limit);
        },
        StatusReader::eventRow);
  }

  /** The dataset's alias moves and refusals, oldest first. */
  public List<HistoryRow> history(String dataset) throws SQLException {
    return query(HISTORY, statement -> statement.setString(1, dataset), StatusReader::historyRow);
  }

  /** The dataset's latest rollback with its decisive evidence, if it ever rolled back. */
  public Optional<EventRow> lastRollback(String dataset) throws SQLException {
    return query(
            LAST_ROLLBACK, statement -> statement.setString(1, dataset), StatusReader::eventRow)
        .stream()
        .findFirst();
  }

  static RoutingRow routingRow(ResultSet rows) throws SQLException {
    RoutingEntry entry =
        new RoutingEntry(
            rows.getString("dataset"),
            rows.getString("baseline_version"),
            rows.getString("candidate_version"),
            rows.getInt("exposure_bp"),
            rows.getString("salt"),
            rows.getInt("stage"));
    return new RoutingRow(
        entry, rows.getLong("decision_sequence"), Columns.getInstant(rows, "updated_at"));
  }

  private static EventRow eventRow(ResultSet rows) throws SQLException {
    String gate = rows.getString("evidence_gate");
    DecisiveEvidenceRow decisive =
        gate == null
            ? null
            : new DecisiveEvidenceRow(
                gate,
                rows.getString("evidence_method"),
                Columns.getDouble(rows, "evidence_statistic"),
                Columns.getDouble(rows, "evidence_threshold"),
                Columns.getDouble(rows, "evidence_p_value"),
                Columns.getInstant(rows, "evidence_window_start"),
                Columns.getInstant(rows, "evidence_window_end"),
                Columns.getLong(rows, "evidence_candidate_count"),
                Columns.getLong(rows, "evidence_baseline_count"));
    return new EventRow(
        rows.getString("decision_id"),
        rows.getLong("sequence"),
        rows.getString("dataset"),
        rows.getString("candidate_version"),
        rows.getString("baseline_version"),
        DecisionKind.valueOf(rows.getString("kind")),
        Phase.valueOf(rows.getString("from_phase")),
        Phase.valueOf(rows.getString("to_phase")),
        rows.getInt("stage_index"),
        rows.getInt("exposure_bp"),
        rows.getBoolean("routing_changed"),
        rows.getString("reason"),
        rows.getString("message"),
        rows.getString("actor"),
        Columns.getInstant(rows, "decided_at"),
        decisive,
        rows.getString("evidence"),
        Columns.getInstant(rows, "recorded_at"));
  }

  private static HistoryRow historyRow(ResultSet rows) throws SQLException {
    return new HistoryRow(
        rows.getString("dataset"),
        rows.getString("from_version"),
        rows.getString("to_version"),
        rows.getString("withdrawn_version"),
        rows.getLong("generation"),
        rows.getString("decision_id"),
        DecisionKind.valueOf(rows.getString("kind")),
        rows.getString("reason"),
        rows.getString("message"),
        rows.getString("actor"),
        Columns.getInstant(rows, "decided_at"),
        Columns.getInstant(rows, "applied_at"),
        ApplyOutcome.valueOf(rows.getString("outcome")),
        rows.getString("found_version"));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rows) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    if (moment != null) {
      return query(moment, sql, binder, mapper);
    }
    try (Connection connection = settings.connect()) {
      return query(connection, sql, binder, mapper);
    }
  }

  private static <T> List<T> query(
      Connection connection, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }
  }
}
