package io.driftgate.job;

import java.io.Serializable;

/**
 * The tumbling event-time windows of the partial profiles, with the arithmetic kept inside the
 * epoch-millis range: a window of an event time near {@code Long.MIN_VALUE} or {@code
 * Long.MAX_VALUE} would start or end beyond it, and a wrapped bound would close or reopen windows
 * at random. The source already refuses such times ({@link RecordLimits}); this guards inputs of
 * every other source.
 */
final class EventWindows implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long sizeMillis;

  EventWindows(long sizeMillis) {
    if (sizeMillis <= 0) {
      throw new IllegalArgumentException("window size must be positive: " + sizeMillis);
    }
    this.sizeMillis = sizeMillis;
  }

  /** Whether {@code eventTime}'s window starts and ends within the epoch-millis range. */
  boolean has(long eventTime) {
    return eventTime >= Long.MIN_VALUE + sizeMillis && eventTime <= Long.MAX_VALUE - sizeMillis;
  }

  /** The start of {@code eventTime}'s window; only for times it {@link #has}. */
  long start(long eventTime) {
    return Math.floorDiv(eventTime, sizeMillis) * sizeMillis;
  }

  /** The last millisecond of the window starting at {@code start}. */
  long last(long start) {
    return start + (sizeMillis - 1);
  }
}
