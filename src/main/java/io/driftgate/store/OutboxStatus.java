package io.driftgate.store;

/**
 * Where a notification in {@code notification_outbox} stands. Only {@link #PENDING} rows are ever
 * sent, and a row leaves {@link #SENDING} only with the outcome of its one HTTP call, so no row is
 * posted twice.
 */
public enum OutboxStatus {
  /** Waiting for its next attempt, due at {@code next_attempt_at}. */
  PENDING,
  /** Claimed by the dispatcher, committed before its HTTP call; the outcome is not recorded yet. */
  SENDING,
  /** The webhook answered 2xx. */
  DELIVERED,
  /** Still failing once the give-up time had passed since the row was created. */
  GAVE_UP,
  /**
   * Found {@link #SENDING} by a dispatcher that started: whoever sent it died before recording the
   * answer, so it may or may not have arrived. Never sent again, which keeps delivery at most once.
   */
  UNKNOWN
}
