package io.driftgate.wire;

import io.driftgate.rollout.Command;
import java.util.Objects;

/**
 * What {@link ControlJson} made of a control message. An operator's typo must never fail the job,
 * so a bad command is a value the job can audit and drop.
 */
public sealed interface ControlResult permits ControlResult.Accepted, ControlResult.Rejected {

  /**
   * @param signature the message's {@code key_id} and {@code signature}, {@code null} when it was
   *     unsigned; whether it is valid is for the job to check
   */
  record Accepted(Command command, ControlSignature signature) implements ControlResult {
    public Accepted {
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * @param commandId the message's {@code command_id} if it had a usable one, else {@code null}
   * @param dataset the message's {@code dataset} if it had a usable one, else {@code null}
   * @param reason every problem found, separated by {@code "; "}
   */
  record Rejected(String commandId, String dataset, String reason) implements ControlResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
