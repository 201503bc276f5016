package io.driftgate.sink;

import io.driftgate.store.ConnectionSource;
import java.io.Serializable;
import java.sql.SQLException;
import org.apache.flink.metrics.MetricGroup;

/**
 * How one kind of element is written: binds its store to the writer's connections once, then
 * applies elements. Every write must be idempotent (keyed by a decision id, a sequence or a unique
 * key), because the sink is at-least-once: a replay after a failure re-sends what the last
 * checkpoint did not cover, and the sink itself re-sends an element whose commit may or may not
 * have reached the database before the connection broke.
 */
@FunctionalInterface
public interface JdbcWrite<T> extends Serializable {

  /**
   * @param metrics the writer's {@code driftgate} metric group, for a write whose outcomes need
   *     counting beyond success, e.g. a decision the database refused
   */
  Writer<T> open(ConnectionSource connections, MetricGroup metrics) throws SQLException;

  /** A store bound to one writer; closed with the writer. */
  interface Writer<T> extends AutoCloseable {
    void write(T element) throws SQLException;

    @Override
    default void close() throws SQLException {}
  }
}
