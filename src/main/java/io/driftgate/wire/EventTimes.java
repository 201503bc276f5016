package io.driftgate.wire;

import java.time.Duration;

/**
 * The event-time rules every input with an event time shares (records, outcomes): an event time
 * must leave room for the windows and watermarks computed from it, and may not be far ahead of when
 * it was observed. One place, so the inputs cannot drift apart.
 */
public final class EventTimes {

  /**
   * Margin kept from the ends of the epoch-millis range: above the longest window (1 h) plus the
   * longest out-of-orderness (1 h), so no window bound or watermark of an accepted time overflows.
   */
  public static final long EDGE_MILLIS = Duration.ofDays(1).toMillis();

  private EventTimes() {}

  /**
   * Why {@code eventTime} is refused, or {@code null}: at the ends of the epoch-millis range
   * ({@link RejectReason#BAD_EVENT_TIME}), or more than {@code maxFutureSkewMillis} ahead of {@code
   * observedAtMillis} ({@link RejectReason#FUTURE}).
   *
   * @param observedAtMillis when the input was observed (a Kafka timestamp, a file's modification
   *     time), negative when unknown: then only the range is checked
   * @param observedAs what {@code observedAtMillis} is, for the rejection's detail, e.g. {@code
   *     "record's Kafka timestamp"}
   */
  public static Rejection problem(
      long eventTime, long observedAtMillis, long maxFutureSkewMillis, String observedAs) {
    if (!inRange(eventTime)) {
      return new Rejection(
          RejectReason.BAD_EVENT_TIME,
          "event time " + eventTime + " is at the end of the epoch-millis range: no window has it");
    }
    if (observedAtMillis >= 0 && eventTime - observedAtMillis > maxFutureSkewMillis) {
      return new Rejection(
          RejectReason.FUTURE,
          "event time "
              + eventTime
              + " is more than "
              + maxFutureSkewMillis
              + " ms ahead of the "
              + observedAs
              + " "
              + observedAtMillis
              + " (driftgate.records.max-future-skew)");
    }
    return null;
  }

  /** Whether {@code eventTime} is clear of the ends of the epoch-millis range. */
  public static boolean inRange(long eventTime) {
    return eventTime >= Long.MIN_VALUE + EDGE_MILLIS && eventTime <= Long.MAX_VALUE - EDGE_MILLIS;
  }
}
