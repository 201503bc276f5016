package io.driftgate.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Fills a {@link FieldRow} from named values that did not come as JSON (a file's columns), so that
 * the row is the one {@link RecordParser} builds from a {@code fields} object of the same content:
 * the same kinds by the same rules (an integer is {@link FieldRow#INT} when it fits an {@code int},
 * whatever its column type; a float is the double its shortest decimal text parses to, as a JSON
 * writer would print it), and the keys the layout does not declare kept aside.
 *
 * <p>Like the parser, it refills one row: use the row before the next {@link #start()}.
 */
public final class RowWriter {

  private final FieldRow row;
  private int lastFieldCount = 16;
  private int expected;

  public RowWriter(FieldLayout layout) {
    this.row = new FieldRow(layout);
  }

  /** Empties the row for the next record. */
  public void start() {
    row.clear(lastFieldCount * 4 / 3 + 1);
    expected = 0;
  }

  /**
   * Adds one field.
   *
   * @param value {@code null}, a {@code String}, {@code Boolean}, {@code Byte}, {@code Short},
   *     {@code Integer}, {@code Long}, {@code BigInteger}, {@code Float}, {@code Double}, {@code
   *     BigDecimal} (read as a double, as the parser reads decimals), {@code Map} or {@code List}
   * @return false when the row already has a field of that name
   * @throws IllegalArgumentException for a value of another type
   */
  public boolean put(String name, Object value) {
    int position = row.layout().positionOf(name, expected);
    if (position < 0) {
      return row.addUndeclared(name, normalized(name, value));
    }
    expected = position + 1;
    Object v = normalized(name, value);
    if (v == null) {
      return row.set(position, FieldRow.NULL);
    } else if (v instanceof String s) {
      return row.setObject(position, FieldRow.STRING, s);
    } else if (v instanceof Boolean b) {
      return row.set(position, b ? FieldRow.TRUE : FieldRow.FALSE);
    } else if (v instanceof Integer i) {
      return row.setIntegral(position, FieldRow.INT, i);
    } else if (v instanceof Long l) {
      return row.setIntegral(position, FieldRow.LONG, l);
    } else if (v instanceof BigInteger big) {
      return row.setObject(position, FieldRow.BIG_INTEGER, big);
    } else if (v instanceof Double d) {
      return row.setDouble(position, d);
    } else if (v instanceof Map<?, ?> m) {
      return row.setObject(position, FieldRow.OBJECT, m);
    } else {
      return row.setObject(position, FieldRow.ARRAY, v);
    }
  }

  /** The filled row. */
  public FieldRow finish() {
    lastFieldCount = row.keyCount();
    return row;
  }

  private static double shortest(float value) {
    return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
  }

  /** {@code value} as {@link RecordParser} boxes the same JSON value. */
  private static Object normalized(String name, Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Map<?, ?>
        || value instanceof List<?>) {
      return value;
    } else if (value instanceof Short s) {
      return s.intValue();
    } else if (value instanceof Byte b) {
      return b.intValue();
    } else if (value instanceof Long l) {
      return l == l.intValue() ? (Object) l.intValue() : l;
    } else if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? normalized(name, big.longValue()) : big;
    } else if (value instanceof Float f) {
      return shortest(f);
    } else if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    throw unsupported(name, value);
  }

  private static IllegalArgumentException unsupported(String name, Object value) {
    return new IllegalArgumentException(
        "field " + name + ": a value of type " + value.getClass().getName() + " has no JSON form");
  }
}
