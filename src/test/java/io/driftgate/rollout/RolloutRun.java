package io.driftgate.rollout;

import io.driftgate.drift.Evaluation;
import java.util.ArrayList;
import java.util.List;

/** Feeds inputs through the state machine the way the keyed operator would, keeping the status. */
final class RolloutRun {

  private RolloutStatus status;
  private final List<Decision> decisions = new ArrayList<>();

  /** A run over {@code inputs}, each a {@link Command} or an {@link Evaluation}, in order. */
  static RolloutRun replay(List<?> inputs) {
    RolloutRun run = new RolloutRun();
    inputs.forEach(run::feed);
    return run;
  }

  List<Decision> feed(Object input) {
    Transition transition =
        input instanceof Command command
            ? RolloutStateMachine.onCommand(status, command)
            : RolloutStateMachine.onEvaluation(status, (Evaluation) input);
    status = transition.next();
    decisions.addAll(transition.decisions());
    return transition.decisions();
  }

  RolloutStatus status() {
    return status;
  }

  List<Decision> decisions() {
    return decisions;
  }
}
