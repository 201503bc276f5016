package io.driftgate.publish;

import io.driftgate.wire.Rejection;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * The rows of one dataset version, one at a time, in a stable order: files now ({@link
 * FileRowReader}); a JDBC query's rows can implement the same interface.
 */
public interface RowReader extends Closeable {

  /**
   * The next row, or {@code null} after the last one. A row and its column map may be reused by the
   * next call: use a row before reading the next.
   *
   * @throws IOException when the input cannot be read any further (not for one bad row: that is a
   *     row with a {@link Row#problem()})
   */
  Row next() throws IOException;

  /**
   * One row.
   *
   * @param origin where it was read, e.g. {@code file:/data/v2/part-0.csv#row=17}
   * @param columns its values by column name, in column order, of the types {@code
   *     io.driftgate.wire.RowWriter#put} takes; empty when {@code problem} is set
   * @param problem why the raw row is not a row of named values (a CSV line with the wrong number
   *     of cells, a JSON line that is not an object), or {@code null}
   */
  record Row(String origin, Map<String, Object> columns, Rejection problem) {}
}
