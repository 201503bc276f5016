package io.driftgate.store;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which database errors an outage causes and time cures, so that a write waits for the database
 * instead of failing the task, and a consumer's {@link RoutingTableResolver} answers from its last
 * read: a lost or refused connection, a server shutting down or starting, a wait cut short by a
 * timeout, a login an operator withdrew while the job runs. Everything else (a constraint
 * violation, a missing table, a syntax error, a wrong password) stays wrong however often it is
 * retried, and fails the task or the read.
 */
public final class TransientSqlErrors {

  /** SQLSTATE class of connection exceptions (refused, lost, timed out while connecting). */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";

  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "57P01", // admin_shutdown: the server, or an operator, terminated the backend
          "57P02", // crash_shutdown: another backend crashed and the server restarts
          "57P03", // cannot_connect_now: the server is starting up or shutting down
          "53300", // too_many_connections: every client reconnecting after an outage at once
          // invalid_authorization_specification: the role may no longer log in (NOLOGIN, a
          // pg_hba.conf entry removed), as when access is revoked for maintenance. A role wrong
          // from
          // the start is refused earlier, when the schema migration connects at submission.
          "28000",
          "55P03", // lock_not_available: lock_timeout (JdbcTimeouts.lock) ended a lock wait
          "40001", // serialization_failure, once Transactions' own retries are used up
          "40P01"); // deadlock_detected

  private TransientSqlErrors() {}

  /** Whether {@code e}, or a cause of it, is an outage that time cures. */
  public static boolean isTransient(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException
          || cause instanceof SocketTimeoutException
          || cause instanceof SocketException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith(CONNECTION_EXCEPTION_CLASS) || TRANSIENT_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
