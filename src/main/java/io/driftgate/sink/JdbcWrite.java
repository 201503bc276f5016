package io.driftgate.sink;

import io.driftgate.store.ConnectionSource;
import java.io.Serializable;
import java.sql.SQLException;
import org.apache.flink.metrics.MetricGroup;

/**
 * How one kind of element is written: binds its store to the committer's connection once, then
 * applies elements. Every write must be idempotent (keyed by a decision id, a sequence or a unique
 * key), because the sink writes a completed checkpoint's elements at least once: after a failover
 * Flink commits the last completed checkpoint's elements again, and the committer itself re-sends
 * an element whose commit may or may not have reached the database before the connection broke.
 */
@FunctionalInterface
public interface JdbcWrite<T> extends Serializable {

  /**
   * @param metrics the committer's {@code driftgate} metric group, for a write whose outcomes need
   *     counting beyond success, e.g. a decision the database refused
   */
  Writer<T> open(ConnectionSource connections, MetricGroup metrics) throws SQLException;

  /** A store bound to one committer; closed with it. */
  interface Writer<T> extends AutoCloseable {
    void write(T element) throws SQLException;

    @Override
    default void close() throws SQLException {}
  }
}
