package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeResult;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.Rejection;
import java.io.Serializable;

/**
 * One message of the outcomes topic (or one line of an outcomes file) as the source read it: an
 * outcome, or the dead letter saying why it is none. Exactly one of the two is set.
 */
public record OutcomeRead(Outcome outcome, DeadLetter rejected) implements Serializable {

  public OutcomeRead {
    if ((outcome == null) == (rejected == null)) {
      throw new IllegalArgumentException("an outcome read is an outcome or a dead letter");
    }
  }

  /**
   * What every source of outcomes makes of the parser's result, so that a topic and a file reject
   * the same messages for the same reasons.
   *
   * @param original the message's bytes, kept whole by a dead letter
   * @param origin where it came from: {@code topic-partition@offset}, {@code file:path#row=n}
   * @param observedAtMillis its Kafka timestamp, or the file's modification time
   */
  public static OutcomeRead of(
      OutcomeResult result, byte[] original, String origin, long observedAtMillis) {
    if (result instanceof Outcome outcome) {
      return new OutcomeRead(outcome, null);
    }
    Rejection rejection = ((OutcomeResult.Rejected) result).rejection();
    return new OutcomeRead(
        null,
        new DeadLetter(rejection.reason(), rejection.detail(), origin, original, observedAtMillis));
  }

  /** Its event time; a rejected message has none. */
  long eventTime() {
    return outcome == null ? Long.MIN_VALUE : outcome.eventTimeMillis();
  }
}
