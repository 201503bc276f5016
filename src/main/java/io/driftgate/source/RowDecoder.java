package io.driftgate.source;

import io.driftgate.wire.Rejection;
import java.io.Serializable;
import java.util.Map;

/**
 * A file format's raw record as named column values, and as bytes for a dead letter. Shared by the
 * job's file source and {@code driftgate publish}, so both make the same values of the same rows;
 * implementations use no Flink type.
 */
public interface RowDecoder<T> extends Serializable {

  /**
   * Puts the row's columns, in file order, into {@code columns} (empty on entry), each value of a
   * type {@link io.driftgate.wire.RowWriter#put} takes.
   *
   * @return why the raw record is not a row of named values, or {@code null}
   */
  Rejection decode(T raw, Map<String, Object> columns);

  /**
   * The bytes a dead letter keeps: the line as read, or the decoded columns as one JSON object when
   * the format is binary.
   */
  byte[] original(T raw, Map<String, Object> columns);

  /** Whether the raw record is no row at all (a blank line): not emitted, not counted. */
  default boolean skip(T raw) {
    return false;
  }
}
