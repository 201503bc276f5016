package io.driftgate.job;

import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlResult;
import io.driftgate.wire.ControlSignature;
import java.io.Serializable;

/**
 * One control message as the source read it: a command, or why it is not one, with its original
 * bytes for the dead-letter output.
 *
 * @param signature the command's signature members as read, {@code null} when the message was
 *     unsigned or is no command; checked by the control step, not here
 */
public record ControlRecord(
    Command command,
    ControlSignature signature,
    String rejection,
    byte[] original,
    String origin,
    long observedAtMillis)
    implements Serializable {

  public static ControlRecord of(
      ControlResult result, byte[] original, String origin, long observedAtMillis) {
    if (result instanceof ControlResult.Accepted accepted) {
      return new ControlRecord(
          accepted.command(), accepted.signature(), null, original, origin, observedAtMillis);
    }
    ControlResult.Rejected rejected = (ControlResult.Rejected) result;
    return new ControlRecord(null, null, rejected.reason(), original, origin, observedAtMillis);
  }

  /** Event time of the message: the command's own time; rejections do not move event time. */
  public long eventTime() {
    return command == null ? Long.MIN_VALUE : command.at().toEpochMilli();
  }
}
