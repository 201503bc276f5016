package io.driftgate.sink;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;

/**
 * Milliseconds from an element reaching the sink to its row being committed, in processing time:
 * the wait for the checkpoint that covers it (rows are written only once it completes, so up to one
 * checkpoint interval plus the checkpoint's own duration), then the write and every retry, so an
 * outage shows while it lasts — a write still waiting counts as its time so far. Event time would
 * not do: on a replay, or a backfill of old records, it is days behind the clock, and the gauge
 * would read that instead of how long a decision waited for its row. Time an element spent queued
 * behind a blocked write shows on the write that blocks.
 *
 * <p>The committer updates it, so the wait before a checkpoint completes shows once the commit
 * starts; a checkpoint that never completes shows as failed checkpoints instead.
 */
final class WriteLatency implements Gauge<Long> {

  private static final long IDLE = Long.MIN_VALUE;

  private final LongSupplier clock;
  private volatile long receivedMillis = IDLE;
  private volatile long lastMillis;

  /**
   * @param clock wall-clock milliseconds, {@code System::currentTimeMillis}: the same clock as
   *     {@link Received#atMillis()}, which may have been stamped before a failover
   */
  WriteLatency(LongSupplier clock) {
    this.clock = clock;
  }

  /** A write of an element received at {@code receivedAtMillis} starts. */
  void writing(long receivedAtMillis) {
    receivedMillis = receivedAtMillis;
  }

  /** The write started last is committed. */
  void written() {
    lastMillis = millisSince(receivedMillis);
    receivedMillis = IDLE;
  }

  /** The write in progress so far, else the last write; 0 before the first. */
  @Override
  public Long getValue() {
    long received = receivedMillis;
    return received == IDLE ? lastMillis : millisSince(received);
  }

  /** Never negative: a wall clock set back must not report a write that took negative time. */
  private long millisSince(long millis) {
    return Math.max(0, clock.getAsLong() - millis);
  }
}
