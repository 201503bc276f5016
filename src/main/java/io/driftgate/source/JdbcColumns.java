package io.driftgate.source;

import io.driftgate.wire.RecordParser;
import io.driftgate.wire.Rejection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JDBC result set's row as named values, with the value rules of a Parquet file's columns (see
 * {@code docs/sources.md}): each column is named by its label exactly as the database reports it,
 * and its value is of a type {@link io.driftgate.wire.RowWriter#put} takes, as the JSON a producer
 * would have written for it.
 *
 * <p>One instance per result set shape: {@link #of} reads the metadata once, {@link #read} one row.
 */
public final class JdbcColumns {

  private enum Kind {
    INT,
    LONG,
    DECIMAL,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    TEXT,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_TZ,
    BYTES,
    ARRAY,
    JSON,
    OBJECT
  }

  private final String[] labels;
  private final Kind[] kinds;

  private JdbcColumns(String[] labels, Kind[] kinds) {
    this.labels = labels;
    this.kinds = kinds;
  }

  /**
   * The columns of a result set.
   *
   * @throws IllegalArgumentException when two columns have the same label: a row is one object of
   *     named values, so {@code SELECT a.id, b.id} must alias one of them
   */
  public static JdbcColumns of(ResultSetMetaData meta) throws SQLException {
    int count = meta.getColumnCount();
    String[] labels = new String[count];
    Kind[] kinds = new Kind[count];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
      if (!seen.add(labels[i])) {
        throw new IllegalArgumentException(
            "the query returns two columns labelled "
                + labels[i]
                + ": alias one of them (a row is one object of named values)");
      }
      kinds[i] = kind(meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1));
    }
    return new JdbcColumns(labels, kinds);
  }

  /**
   * The current row of {@code rows} as ordered name → value pairs. Reads the metadata on every
   * call: for many rows, take {@link #of} once and {@link #read} each row.
   */
  public static LinkedHashMap<String, Object> row(ResultSet rows) throws SQLException {
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    of(rows.getMetaData()).read(rows, values);
    return values;
  }

  /** The column labels, in the query's order. */
  public List<String> labels() {
    return List.of(labels);
  }

  /** Puts the current row's values into {@code into}, in the query's column order. */
  public void read(ResultSet rows, Map<String, Object> into) throws SQLException {
    for (int i = 0; i < labels.length; i++) {
      into.put(labels[i], value(rows, i + 1, kinds[i]));
    }
  }

  private static Kind kind(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> {
        return Kind.INT;
      }
      case Types.BIGINT -> {
        return Kind.LONG;
      }
      case Types.NUMERIC, Types.DECIMAL -> {
        return Kind.DECIMAL;
      }
      case Types.REAL -> {
        return Kind.FLOAT;
      }
      case Types.FLOAT, Types.DOUBLE -> {
        return Kind.DOUBLE;
      }
      case Types.BOOLEAN -> {
        return Kind.BOOLEAN;
      }
      case Types.BIT -> {
        // PostgreSQL's bool is BIT; a bit(n) string is not a boolean.
        return name.equals("bool") || name.equals("boolean") || name.equals("bit")
            ? Kind.BOOLEAN
            : Kind.TEXT;
      }
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB -> {
        return Kind.TEXT;
      }
      case Types.DATE -> {
        return Kind.DATE;
      }
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
        return Kind.TIME;
      }
      case Types.TIMESTAMP -> {
        // PostgreSQL's driver reports timestamptz as TIMESTAMP too.
        return name.equals("timestamptz") ? Kind.TIMESTAMP_TZ : Kind.TIMESTAMP;
      }
      case Types.TIMESTAMP_WITH_TIMEZONE -> {
        return Kind.TIMESTAMP_TZ;
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        return Kind.BYTES;
      }
      case Types.ARRAY -> {
        return Kind.ARRAY;
      }
      default -> {
        return name.equals("json") || name.equals("jsonb") ? Kind.JSON : Kind.OBJECT;
      }
    }
  }

  private static Object value(ResultSet rows, int column, Kind kind) throws SQLException {
    switch (kind) {
      case INT -> {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : (Object) value;
      }
      case LONG -> {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : (Object) value;
      }
      case DECIMAL -> {
        return rows.getBigDecimal(column);
      }
      case FLOAT -> {
        float value = rows.getFloat(column);
        return rows.wasNull() ? null : (Object) value;
      }
      case DOUBLE -> {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : (Object) value;
      }
      case BOOLEAN -> {
        boolean value = rows.getBoolean(column);
        return rows.wasNull() ? null : (Object) value;
      }
      case DATE -> {
        LocalDate value = rows.getObject(column, LocalDate.class);
        return value == null ? null : value.toString();
      }
      case TIME -> {
        LocalTime value = rows.getObject(column, LocalTime.class);
        return value == null ? null : value.toString();
      }
      case TIMESTAMP -> {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      case TIMESTAMP_TZ -> {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toEpochMilli();
      }
      case BYTES -> {
        byte[] value = rows.getBytes(column);
        return value == null ? null : Base64.getEncoder().encodeToString(value);
      }
      case ARRAY -> {
        Array value = rows.getArray(column);
        if (value == null) {
          return null;
        }
        try {
          return list((Object[]) value.getArray());
        } finally {
          value.free();
        }
      }
      case JSON -> {
        String text = rows.getString(column);
        if (text == null) {
          return null;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        Rejection notAnObject =
            RecordParser.readObject(text.getBytes(StandardCharsets.UTF_8), object);
        return notAnObject == null ? object : text;
      }
      default -> {
        return rows.getString(column);
      }
    }
  }

  /** An SQL array's elements, each as the value of its column type would be. */
  private static List<Object> list(Object[] elements) {
    List<Object> list = new ArrayList<>(elements.length);
    for (Object element : elements) {
      list.add(element(element));
    }
    return list;
  }

  private static Object element(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Double) {
      return value;
    }
    // Inside an array as RecordParser boxes a JSON array's elements (RowWriter takes lists as is).
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Long l) {
      return l == l.intValue() ? (Object) l.intValue() : l;
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Object[] nested) {
      return list(nested);
    }
    return value.toString();
  }
}
