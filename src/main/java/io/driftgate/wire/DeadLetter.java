package io.driftgate.wire;

import java.util.Objects;

/**
 * An input the job could not use, kept whole so it can be inspected and replayed once fixed. Its
 * JSON keeps at most the first {@link DeadLetterJson#MAX_ORIGINAL_BYTES} of the original, and the
 * detail is cut to {@link #MAX_DETAIL_CHARS}: a dead letter must fit on a topic with Kafka's
 * default limits whatever the record was.
 *
 * @param origin where the input came from, e.g. {@code records-3@1042} (topic-partition@offset)
 * @param detail why, cut to {@link #MAX_DETAIL_CHARS} characters (details quote the input)
 * @param original the input's bytes exactly as received; not copied, so do not modify them
 * @param observedAtMillis when the job rejected it (processing time, for operators, not decisions)
 */
public record DeadLetter(
    RejectReason reason, String detail, String origin, byte[] original, long observedAtMillis)
    implements java.io.Serializable {

  /** Longest detail kept, in characters; a longer one ends with how long it was. */
  public static final int MAX_DETAIL_CHARS = 1024;

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    detail = capped(Objects.requireNonNull(detail, "detail"));
    Objects.requireNonNull(origin, "origin");
    original = original == null ? new byte[0] : original;
  }

  public static DeadLetter of(
      Rejection rejection, String origin, byte[] original, long observedAtMillis) {
    return new DeadLetter(
        rejection.reason(), rejection.detail(), origin, original, observedAtMillis);
  }

  /** {@code detail} within {@link #MAX_DETAIL_CHARS}; a capped detail is returned unchanged. */
  private static String capped(String detail) {
    if (detail.length() <= MAX_DETAIL_CHARS) {
      return detail;
    }
    String suffix = "… (" + detail.length() + " characters)";
    int cut = MAX_DETAIL_CHARS - suffix.length();
    if (Character.isHighSurrogate(detail.charAt(cut - 1))) {
      cut--;
    }
    return detail.substring(0, cut) + suffix;
  }

  /** The Kafka convention for naming where a record came from. */
  public static String origin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }
}
