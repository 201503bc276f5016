package io.driftgate.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one unit of work in one transaction on a connection from a {@link ConnectionSource}, and
 * runs it again when it lost a race. Stores check before they insert; two writers of the same row
 * can both pass the check, and the loser's unique violation aborts its transaction (on PostgreSQL
 * nothing more can run in it). Re-running the whole unit then finds the winner's row and does
 * nothing, which is the idempotent answer.
 */
final class Transactions {

  /** SQLSTATE of a unique violation (PostgreSQL and H2). */
  private static final String UNIQUE_VIOLATION = "23505";

  /** SQLSTATE of a serialization failure or deadlock (PostgreSQL and H2). */
  private static final String SERIALIZATION_FAILURE = "40001";

  private static final int ATTEMPTS = 3;

  /** A unit of work on a connection in a transaction; the caller commits. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Transactions() {}

  static <T> T run(ConnectionSource connections, Work<T> work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Connection connection = connections.acquire();
      T result;
      try {
        connection.setAutoCommit(false);
        result = work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        abandon(connections, connection, e);
        if (attempt < ATTEMPTS && lostRace(e)) {
          continue;
        }
        throw e;
      }
      connections.release(connection);
      return result;
    }
  }

  /**
   * Rolls back and releases, keeping {@code cause} as the error: on a connection that broke, both
   * fail too, and their "connection closed" must not hide why the work failed.
   */
  private static void abandon(
      ConnectionSource connections, Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    try {
      connections.release(connection);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static boolean lostRace(Exception e) {
    return e instanceof SQLException sql
        && (UNIQUE_VIOLATION.equals(sql.getSQLState())
            || SERIALIZATION_FAILURE.equals(sql.getSQLState()));
  }
}
