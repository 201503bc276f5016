package io.driftgate.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a store's transactions get their connection. A one-off caller (the CLI, a test) opens one
 * per transaction and closes it; a sink writer keeps one for all its writes ({@link
 * HeldConnection}), since opening a connection costs more than the write it serves.
 */
public interface ConnectionSource {

  /** A connection for one transaction; handed back through {@link #release} when it ends. */
  Connection acquire() throws SQLException;

  /** Ends the use of a connection from {@link #acquire}: closes it, or keeps it for the next. */
  void release(Connection connection) throws SQLException;
}
