package io.driftgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One connection kept for every transaction of one writer, opened when first needed. After a
 * failure the writer {@linkplain #discard() discards} it, and the next transaction opens a new one:
 * a connection that saw an I/O error or a server shutdown cannot be trusted again. Not thread-safe:
 * a sink's committer runs on its task's one thread.
 */
public final class HeldConnection implements ConnectionSource, AutoCloseable {

  private final JdbcSettings settings;
  private Connection connection;

  public HeldConnection(JdbcSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Connection acquire() throws SQLException {
    if (connection == null) {
      connection = settings.connect();
    }
    return connection;
  }

  /** Keeps the connection for the next transaction. */
  @Override
  public void release(Connection connection) {}

  /**
   * Closes the connection, if any, ignoring its errors (it is usually already broken); the next
   * {@link #acquire} opens a new one.
   */
  public void discard() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // A broken connection may fail to close; it is dropped either way.
    }
    connection = null;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      Connection open = connection;
      connection = null;
      open.close();
    }
  }
}
