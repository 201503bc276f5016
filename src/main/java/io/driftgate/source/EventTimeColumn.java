package io.driftgate.source;

import io.driftgate.wire.IsoInstant;

/**
 * The event-time column rule of {@code docs/sources.md}, shared by the job's file source and {@code
 * driftgate publish}: a column value is an event time when it is epoch millis (an integer, which is
 * also what the decoders make of Parquet timestamps and of a CSV time cell of digits) or ISO-8601
 * text as an envelope's {@code event_time} string must be.
 */
public final class EventTimeColumn {

  private EventTimeColumn() {}

  /**
   * @param column the column's name, for the message
   * @param value the row's value in the column, {@code null} when empty or absent
   * @return why {@code value} is no event time, or {@code null} when {@link #millis} reads it
   */
  public static String problem(String column, Object value) {
    if (value == null) {
      return "event time column " + column + " is empty or absent";
    }
    if (value instanceof Integer || value instanceof Long) {
      return null;
    }
    if (value instanceof String text && IsoInstant.parseMillis(text) != IsoInstant.INVALID) {
      return null;
    }
    return "event time column "
        + column
        + " holds "
        + (value instanceof String text ? "'" + text + "'" : value.getClass().getSimpleName())
        + ", neither ISO-8601 nor epoch millis";
  }

  /** The epoch millis of a value {@link #problem} accepts. */
  public static long millis(Object value) {
    return value instanceof String text
        ? IsoInstant.parseMillis(text)
        : ((Number) value).longValue();
  }
}
