package io.driftgate.wire;

import java.util.Objects;

/**
 * Why an input was refused, in words that say what and where, so a dead letter can be fixed without
 * re-running the job.
 */
public record Rejection(RejectReason reason, String detail) implements ParseResult {

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
