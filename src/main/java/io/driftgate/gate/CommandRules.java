package io.driftgate.gate;

import io.driftgate.contract.DataContract;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.Transition;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command must satisfy beyond fitting the rollout's phase, because a mistaken or forged
 * command could otherwise move consumers somewhere nobody chose: a start is measured against the
 * version the alias points at, so that a rollback (which returns consumers to the baseline) can
 * only return them to where they were.
 */
final class CommandRules {

  private CommandRules() {}

  /**
   * The refusal of {@code command}, or empty when the state machine may weigh it.
   *
   * @param alias where the dataset's alias points now, empty when it has none
   */
  static Optional<Transition> refusal(
      Command command,
      GateState state,
      Supplier<Optional<String>> alias,
      DataContract contract,
      Instant at) {
    if (command instanceof Command.Start start) {
      Optional<String> current = alias.get();
      if (current.isPresent() && !current.get().equals(start.baselineVersion())) {
        return refuse(
            state,
            command,
            at,
            RejectReason.BASELINE_NOT_ALIAS,
            String.format(
                "start of %s refused: the alias of %s points at %s, so the baseline must be %s,"
                    + " not %s",
                start.candidateVersion(),
                start.dataset(),
                current.get(),
                current.get(),
                start.baselineVersion()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Transition> refuse(
      GateState state, Command command, Instant at, RejectReason reason, String message) {
    return Optional.of(RolloutStateMachine.refuse(state.status, command, at, reason, message));
  }
}
