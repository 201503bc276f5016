package io.driftgate.sink;

import io.driftgate.store.JdbcSettings;
import java.io.Serializable;
import java.sql.SQLException;

/**
 * How one kind of element is written: opens its store once per writer, then applies elements. Every
 * write must be idempotent (keyed by a decision id, a sequence or a unique key), because the sink
 * is at-least-once and a replay after a failure re-sends what the last checkpoint did not cover.
 */
@FunctionalInterface
public interface JdbcWrite<T> extends Serializable {

  Writer<T> open(JdbcSettings settings) throws SQLException;

  /** A store bound to one writer; closed with the writer. */
  interface Writer<T> extends AutoCloseable {
    void write(T element) throws SQLException;

    @Override
    default void close() throws SQLException {}
  }
}
