package io.driftgate.wire;

import java.util.Objects;

/**
 * An input the job could not use, kept whole so it can be inspected and replayed once fixed.
 *
 * @param origin where the input came from, e.g. {@code records-3@1042} (topic-partition@offset)
 * @param original the input's bytes exactly as received; not copied, so do not modify them
 * @param observedAtMillis when the job rejected it (processing time, for operators, not decisions)
 */
public record DeadLetter(
    RejectReason reason, String detail, String origin, byte[] original, long observedAtMillis)
    implements java.io.Serializable {

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(origin, "origin");
    original = original == null ? new byte[0] : original;
  }

  public static DeadLetter of(
      Rejection rejection, String origin, byte[] original, long observedAtMillis) {
    return new DeadLetter(
        rejection.reason(), rejection.detail(), origin, original, observedAtMillis);
  }

  /** The Kafka convention for naming where a record came from. */
  public static String origin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }
}
