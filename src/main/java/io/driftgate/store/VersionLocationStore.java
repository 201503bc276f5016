package io.driftgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Records where each version of a dataset lives ({@code version_location}), once: the same location
 * again is a no-op, so a job's replay after a restart writes nothing twice, and a different one is
 * refused with a {@link LocationConflictException}. The check before the insert can race another
 * writer; the loser's unique violation makes {@link Transactions} run it again, and then it finds
 * the winner's row and answers as for any recorded row.
 */
public final class VersionLocationStore {

  private static final String RECORDED =
      "SELECT location FROM version_location WHERE dataset = ? AND version = ?";

  private static final String INSERT =
      "INSERT INTO version_location (dataset, version, location, recorded_at, recorded_by)"
          + " VALUES (?, ?, ?, ?, ?)";

  private final ConnectionSource connections;

  public VersionLocationStore(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * Records {@code location} unless its version's location is recorded already.
   *
   * @return true if it wrote the row; false if the same location was recorded before (a replay)
   * @throws LocationConflictException if the version is recorded at another location; nothing is
   *     written
   */
  public boolean record(VersionLocation location) throws SQLException {
    Objects.requireNonNull(location, "location");
    return Transactions.run(connections, connection -> record(connection, location));
  }

  /** The location recorded for {@code version} of {@code dataset}, empty if none is. */
  public Optional<String> locationOf(String dataset, String version) throws SQLException {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(version, "version");
    return Transactions.run(connections, connection -> recorded(connection, dataset, version));
  }

  /** {@link #record(VersionLocation)} inside the caller's transaction. */
  static boolean record(Connection connection, VersionLocation location) throws SQLException {
    Optional<String> recorded = recorded(connection, location.dataset(), location.version());
    if (recorded.isPresent()) {
      if (recorded.get().equals(location.location())) {
        return false;
      }
      throw new LocationConflictException(
          location.dataset(), location.version(), recorded.get(), location.location());
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, location.dataset());
      insert.setString(2, location.version());
      insert.setString(3, location.location());
      Columns.setInstant(insert, 4, location.recordedAt());
      insert.setString(5, location.recordedBy());
      insert.executeUpdate();
    }
    return true;
  }

  private static Optional<String> recorded(Connection connection, String dataset, String version)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECORDED)) {
      statement.setString(1, dataset);
      statement.setString(2, version);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
