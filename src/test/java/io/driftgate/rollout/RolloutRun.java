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
            ? RolloutStateMachine.onCommand(status, command, command.at())
            : onEvaluation((Evaluation) input);
    status = transition.next();
    decisions.addAll(transition.decisions());
    return transition.decisions();
  }

  /** The scenarios' evaluations stand for one stage's records: their counts are the stage's. */
  private Transition onEvaluation(Evaluation evaluation) {
    return RolloutStateMachine.onEvaluation(
        status,
        evaluation,
        new StageSamples(evaluation.candidateCount(), evaluation.baselineCount()),
        evaluation.windowEnd());
  }

  RolloutStatus status() {
    return status;
  }

  List<Decision> decisions() {
    return decisions;
  }
}
