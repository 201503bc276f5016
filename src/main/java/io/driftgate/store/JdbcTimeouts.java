package io.driftgate.store;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a connection may wait for the database before it fails instead: a write that hangs on a
 * dead socket or a held lock cannot be cancelled cleanly by Flink and never reaches the sink's
 * retry, so every wait is bounded. PostgreSQL takes the connect and socket timeouts in whole
 * seconds, so they are rounded up; the lock timeout is set on the session in milliseconds. Other
 * databases (H2 in tests and the demo, in memory) keep their own settings: they have no socket, and
 * their lock waits are already bounded.
 *
 * @param connect how long opening a TCP connection may take
 * @param socket how long any read from the server may take, a statement's included; longer than
 *     {@code lock}, so that a lock wait ends with the server's clean error, not a dead socket
 * @param lock how long a statement may wait for a row lock (the alias compare-and-set's)
 */
public record JdbcTimeouts(Duration connect, Duration socket, Duration lock)
    implements Serializable {

  /** Long enough for a busy server, short enough that an outage is noticed within a minute. */
  public static final JdbcTimeouts DEFAULTS =
      new JdbcTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10));

  public JdbcTimeouts {
    requirePositive(connect, "connect timeout");
    requirePositive(socket, "socket timeout");
    requirePositive(lock, "lock timeout");
    if (lock.compareTo(socket) >= 0) {
      throw new IllegalArgumentException(
          "lock timeout " + lock + " must be shorter than the socket timeout " + socket);
    }
  }

  /** Whole seconds, rounded up: PostgreSQL's driver reads 0 as "wait forever". */
  static String seconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return Long.toString(seconds);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
