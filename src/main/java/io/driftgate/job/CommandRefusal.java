package io.driftgate.job;

import io.driftgate.auth.AuthFailure;
import io.driftgate.rollout.RejectReason;

/**
 * Why {@link CommandScreen} refused a command, with the reason its dead letter carries and the one
 * its audit row carries: the same refusal under the names of the two places.
 */
public enum CommandRefusal {
  UNSIGNED(io.driftgate.wire.RejectReason.UNSIGNED_COMMAND, RejectReason.UNSIGNED),
  UNKNOWN_KEY(io.driftgate.wire.RejectReason.UNKNOWN_KEY, RejectReason.UNKNOWN_KEY),
  BAD_SIGNATURE(io.driftgate.wire.RejectReason.BAD_SIGNATURE, RejectReason.BAD_SIGNATURE),
  WRONG_ACTOR(io.driftgate.wire.RejectReason.WRONG_ACTOR, RejectReason.WRONG_ACTOR),
  STALE(io.driftgate.wire.RejectReason.STALE_COMMAND, RejectReason.STALE),
  REPLAYED(io.driftgate.wire.RejectReason.REPLAYED_COMMAND, RejectReason.REPLAYED),
  NOT_ALLOWED(io.driftgate.wire.RejectReason.COMMAND_NOT_ALLOWED, RejectReason.NOT_ALLOWED);

  private final io.driftgate.wire.RejectReason deadLetter;
  private final RejectReason audit;

  CommandRefusal(io.driftgate.wire.RejectReason deadLetter, RejectReason audit) {
    this.deadLetter = deadLetter;
    this.audit = audit;
  }

  public io.driftgate.wire.RejectReason deadLetter() {
    return deadLetter;
  }

  public RejectReason audit() {
    return audit;
  }

  static CommandRefusal of(AuthFailure failure) {
    return switch (failure) {
      case UNSIGNED -> UNSIGNED;
      case UNKNOWN_KEY -> UNKNOWN_KEY;
      case BAD_SIGNATURE -> BAD_SIGNATURE;
      case WRONG_ACTOR -> WRONG_ACTOR;
    };
  }
}
