package io.driftgate.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * When the controller applies a queued command at the latest, whatever the watermark does: the
 * liveness half of its ordering rule (docs/architecture.md). Event time orders commands against
 * windows, but a watermark moves only with data: with no records flowing, or after a failover with
 * nothing new to read, it would hold a rollback back until the sources are declared idle or data
 * returns. So a command waits for the watermark at most the maximum delay, counted in processing
 * time from when the controller read it, or from its own time when that is later: a command dated
 * ahead is not applied before its time comes on the job's clock.
 *
 * <p>Windows have no deadline: a stage advances on evidence, and evidence comes with data.
 */
public final class CommandDeadlines implements Serializable {

  private static final long serialVersionUID = 1L;

  /** For a job whose sources end: its final watermark applies everything in event-time order. */
  private static final CommandDeadlines NONE = new CommandDeadlines(-1);

  private final long maxDelayMillis;

  private CommandDeadlines(long maxDelayMillis) {
    this.maxDelayMillis = maxDelayMillis;
  }

  public static CommandDeadlines none() {
    return NONE;
  }

  public static CommandDeadlines after(Duration maxDelay) {
    return new CommandDeadlines(maxDelay.toMillis());
  }

  /**
   * The processing time by which {@code input}, read at processing time {@code readAt}, is applied
   * at the latest; empty for a window, or when commands have no deadline.
   */
  OptionalLong of(GateInput input, long readAt) {
    if (maxDelayMillis < 0 || !(input instanceof GateInput.Control)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(readAt, input.time()) + maxDelayMillis);
  }
}
