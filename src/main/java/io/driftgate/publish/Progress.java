package io.driftgate.publish;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on the terminal: rows read, sent (acknowledged) and rejected, and the
 * rate, redrawn in place at most every 200 ms. Disabled, it prints nothing.
 */
public final class Progress {

  static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long start;
  private long last;
  private boolean drawn;

  public Progress(PrintStream err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.last = start;
  }

  public static Progress off() {
    return new Progress(System.err, false, () -> 0L);
  }

  /** Redraws the line if the last drawing is 200 ms old. */
  public void update(long read, long sent, long rejected) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - last >= INTERVAL_NANOS) {
      draw(now, read, sent, rejected);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish(long read, long sent, long rejected) {
    if (enabled) {
      draw(nanoTime.getAsLong(), read, sent, rejected);
      err.println();
      err.flush();
    }
  }

  private void draw(long now, long read, long sent, long rejected) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    err.print(
        String.format(
            Locale.ROOT,
            "\rread %,d  sent %,d  rejected locally %,d  %,.0f rows/s   ",
            read,
            sent,
            rejected,
            sent / seconds));
    err.flush();
    last = now;
    drawn = true;
  }

  boolean drawn() {
    return drawn;
  }
}
