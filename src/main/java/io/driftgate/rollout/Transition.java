package io.driftgate.rollout;

import java.util.List;

/**
 * The result of one input: the status to keep and the decisions to emit, in order.
 *
 * @param next the status to store; {@code null} only when there was no rollout and the input did
 *     not create one (an evaluation for a dataset without a rollout)
 */
public record Transition(RolloutStatus next, List<Decision> decisions) {

  public Transition {
    decisions = List.copyOf(decisions);
  }

  static Transition silent(RolloutStatus next) {
    return new Transition(next, List.of());
  }

  static Transition of(RolloutStatus next, Decision decision) {
    return new Transition(next, List.of(decision));
  }
}
