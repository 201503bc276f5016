package io.driftgate.sink;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;

/**
 * Milliseconds from an element reaching the sink to its row being committed, in processing time:
 * the write and every retry, so an outage shows while it lasts — a write still waiting counts as
 * its time so far. Event time would not do: on a replay, or a backfill of old records, it is days
 * behind the clock, and the gauge would read that instead of how long the database kept a decision
 * waiting. Time an element spent queued behind a blocked write shows on the write that blocks.
 */
final class WriteLatency implements Gauge<Long> {

  private static final long IDLE = Long.MIN_VALUE;

  private final LongSupplier nanoClock;
  private volatile long startedNanos = IDLE;
  private volatile long lastMillis;

  /**
   * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime}
   */
  WriteLatency(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  void started() {
    startedNanos = nanoClock.getAsLong();
  }

  void finished() {
    lastMillis = millisSince(startedNanos);
    startedNanos = IDLE;
  }

  /** The write in progress so far, else the last write; 0 before the first. */
  @Override
  public Long getValue() {
    long started = startedNanos;
    return started == IDLE ? lastMillis : millisSince(started);
  }

  private long millisSince(long nanos) {
    return (nanoClock.getAsLong() - nanos) / 1_000_000;
  }
}
