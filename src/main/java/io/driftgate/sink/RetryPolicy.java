package io.driftgate.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a sink writer waits for an unreachable database: exponential backoff between attempts,
 * and by default no limit. Waiting is backpressure — the job stops reading until the database is
 * back — which keeps every decision in order and in the job; the alternative, failing the task,
 * restarts the whole job (its single failover region) in a loop for as long as the outage lasts.
 *
 * @param initialBackoff the wait after the first failure, doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxDuration how long one element may be retried before the task fails after all, or {@code
 *     null} to retry until the database answers
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxDuration)
    implements Serializable {

  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), null);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, got " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "max backoff " + maxBackoff + " is shorter than the initial backoff " + initialBackoff);
    }
    if (maxDuration != null && maxDuration.isNegative()) {
      throw new IllegalArgumentException("max duration must not be negative, got " + maxDuration);
    }
  }

  /** The wait before retry number {@code retry} (from 1): doubling, capped at the max backoff. */
  public Duration backoff(int retry) {
    Duration backoff = initialBackoff;
    for (int i = 1; i < retry && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) < 0 ? backoff : maxBackoff;
  }

  /** Whether an element that has been retried for {@code elapsed} may be retried again. */
  public boolean allowsRetryAfter(Duration elapsed) {
    return maxDuration == null || elapsed.compareTo(maxDuration) < 0;
  }
}
