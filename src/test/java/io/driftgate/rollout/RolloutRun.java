package io.driftgate.rollout;

import io.driftgate.drift.Evaluation;
import java.util.ArrayList;
import java.util.List;

/** Feeds inputs through the state machine the way the keyed operator would, keeping the status. */
final class RolloutRun {

  private final long preflightSamples;
  private RolloutStatus status;
  private final List<Decision> decisions = new ArrayList<>();

  RolloutRun() {
    this(0);
  }

  /** A run whose contract asks streamed candidates for a preflight sample of so many records. */
  RolloutRun(long preflightSamples) {
    this.preflightSamples = preflightSamples;
  }

  /** A run over {@code inputs}, each a {@link Command} or an {@link Evaluation}, in order. */
  static RolloutRun replay(List<?> inputs) {
    RolloutRun run = new RolloutRun();
    inputs.forEach(run::feed);
    return run;
  }

  List<Decision> feed(Object input) {
    Transition transition;
    if (input instanceof Command.Start start) {
      transition = RolloutStateMachine.onStreamedStart(status, start, preflightSamples, start.at());
    } else if (input instanceof Command command) {
      transition = RolloutStateMachine.onCommand(status, command, command.at());
    } else {
      transition = onEvaluation((Evaluation) input);
    }
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
        preflightSamples,
        evaluation.windowEnd());
  }

  RolloutStatus status() {
    return status;
  }

  List<Decision> decisions() {
    return decisions;
  }
}
