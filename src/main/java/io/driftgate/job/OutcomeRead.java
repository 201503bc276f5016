package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.wire.DeadLetter;
import java.io.Serializable;

/**
 * One message of the outcomes topic as the source read it: an outcome, or the dead letter saying
 * why it is none. Exactly one of the two is set.
 */
public record OutcomeRead(Outcome outcome, DeadLetter rejected) implements Serializable {

  public OutcomeRead {
    if ((outcome == null) == (rejected == null)) {
      throw new IllegalArgumentException("an outcome read is an outcome or a dead letter");
    }
  }

  /** Its event time; a rejected message has none. */
  long eventTime() {
    return outcome == null ? Long.MIN_VALUE : outcome.eventTimeMillis();
  }
}
