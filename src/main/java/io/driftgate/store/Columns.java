package io.driftgate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between Java values and nullable columns that behave the same on PostgreSQL and H2:
 * instants go through {@link OffsetDateTime} in UTC (both drivers map it to {@code TIMESTAMP WITH
 * TIME ZONE} exactly), and a NaN statistic, meaning "not computed", is stored as {@code NULL} so
 * that aggregates and dashboards skip it instead of propagating NaN.
 */
final class Columns {

  private Columns() {}

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static void setDouble(PreparedStatement statement, int index, double value) throws SQLException {
    if (Double.isFinite(value)) {
      statement.setDouble(index, value);
    } else {
      statement.setNull(index, Types.DOUBLE);
    }
  }

  static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    setDouble(statement, index, value == null ? Double.NaN : value);
  }

  /** The column's value, or NaN when it is {@code NULL}. */
  static double getDouble(ResultSet rows, String column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? Double.NaN : value;
  }

  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  /** The column's value, or {@code null} when it is {@code NULL}. */
  static Long getLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
