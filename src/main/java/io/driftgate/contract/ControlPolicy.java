package io.driftgate.contract;

import java.util.Map;
import java.util.Objects;

/**
 * Who may command a dataset's rollout, whether an approval must come from someone other than the
 * rollout's starter, and what a plan sent with a start command must satisfy: a contract's {@code
 * x-driftgate.control}.
 *
 * <p>Pure data: the rollout enforces it, this only answers questions. Stage numbers in the contract
 * count from 1, as {@code status} and {@code rollout approve --stage} show them; the methods take
 * the 0-based stage index commands carry.
 *
 * @param fourEyes whether an approval must come from another actor than the one who started the
 *     rollout
 * @param restricted whether the contract has an {@code allow} block; without one, any actor may
 *     command anything
 * @param allow the actors of each action listed in {@code allow}; for {@code approve}, the rule of
 *     every stage that {@code approveByStage} does not name. An action not in the map is allowed to
 *     nobody when {@code restricted}
 * @param approveByStage the actors who may approve a stage, by its 1-based number
 * @param commandPlans what a plan carried by a start command must satisfy
 */
public record ControlPolicy(
    boolean fourEyes,
    boolean restricted,
    Map<ControlAction, Actors> allow,
    Map<Integer, Actors> approveByStage,
    PlanPolicy commandPlans)
    implements java.io.Serializable {

  /**
   * The policy of a contract without {@code control}: anyone may command anything, an approval must
   * come from someone other than the starter, and a start may carry any plan that a contract's
   * {@code rollout} block would accept.
   */
  public static final ControlPolicy DEFAULT =
      new ControlPolicy(true, false, Map.of(), Map.of(), PlanPolicy.UNLIMITED);

  public ControlPolicy {
    allow = Map.copyOf(allow);
    approveByStage = Map.copyOf(approveByStage);
    Objects.requireNonNull(commandPlans, "commandPlans");
    if (!restricted && !(allow.isEmpty() && approveByStage.isEmpty())) {
      throw new IllegalArgumentException("an unrestricted policy cannot name actors");
    }
    approveByStage
        .keySet()
        .forEach(
            number -> {
              if (number < 1) {
                throw new IllegalArgumentException(
                    "approve stage numbers count from 1, got " + number);
              }
            });
  }

  /**
   * Whether {@code actor} may command {@code action}. A blank or absent actor never may, even
   * without an {@code allow} block.
   *
   * @param stageIndex the 0-based index of the stage an {@code approve} command names; ignored for
   *     other actions
   */
  public boolean allows(String actor, ControlAction action, int stageIndex) {
    return actors(action, stageIndex).includes(actor);
  }

  /**
   * Who may command {@code action}, for a rejection's message, e.g. {@code start is allowed to ada,
   * grace} or {@code approve of stage 3 is allowed to carol}.
   *
   * @param stageIndex as for {@link #allows}
   */
  public String describeAllowed(ControlAction action, int stageIndex) {
    String what =
        action == ControlAction.APPROVE
            ? "approve of stage " + (stageIndex + 1)
            : action.spelling();
    return what + " is allowed to " + actors(action, stageIndex).describe();
  }

  /** The actors who may command {@code action} at the 0-based {@code stageIndex}. */
  public Actors actors(ControlAction action, int stageIndex) {
    Objects.requireNonNull(action, "action");
    if (!restricted) {
      return Actors.ANYONE;
    }
    if (action == ControlAction.APPROVE) {
      Actors byStage = approveByStage.get(stageIndex + 1);
      if (byStage != null) {
        return byStage;
      }
    }
    return allow.getOrDefault(action, Actors.NOBODY);
  }
}
