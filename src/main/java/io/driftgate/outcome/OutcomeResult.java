package io.driftgate.outcome;

import io.driftgate.wire.Rejection;
import java.util.Objects;

/**
 * What {@link OutcomeParser} made of one value: the outcome, or why there is none. Bad input is
 * ordinary on a shared topic, so it is a value and not an exception; test with {@code instanceof}.
 */
public sealed interface OutcomeResult extends java.io.Serializable
    permits Outcome, OutcomeResult.Rejected {

  /** A refused value: its rejection becomes a dead letter ({@code DeadLetter.of}). */
  record Rejected(Rejection rejection) implements OutcomeResult {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
